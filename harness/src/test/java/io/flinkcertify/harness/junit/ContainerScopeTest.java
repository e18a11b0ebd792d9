package io.flinkcertify.harness.junit;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** A group's stage is owned by its dynamic container's store: closed after its last check, before the next group. */
class ContainerScopeTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Test
    void theContainerClosesItsStageWhenItsChecksAreDone() {
        EVENTS.clear();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(TwoGroups.class)).build());
        assertEquals(List.of("a:1", "a:2", "a closed", "b:1", "b closed"), EVENTS);
    }

    /** Run only through the launcher above (a nested static class surefire does not pick up on its own). */
    @ExtendWith(CertifyExtension.class)
    static class TwoGroups {
        @TestFactory
        Stream<DynamicNode> groups() {
            return Stream.of(group("a", 2), group("b", 1));
        }

        private static DynamicNode group(String name, int checks) {
            ExtensionContext.Store.CloseableResource stage = () -> EVENTS.add(name + " closed");
            return DynamicContainer.dynamicContainer(name, Stream.iterate(1, i -> i + 1).limit(checks)
                    .map(i -> DynamicTest.dynamicTest(name + i, new StagedCheck(stage, () -> EVENTS.add(name + ":" + i)))));
        }
    }
}
