package io.flinkcertify.cli;

import io.flinkcertify.harness.flink.FlinkDistribution;
import io.flinkcertify.harness.run.RunSettings;
import io.flinkcertify.harness.targets.TargetCatalog;
import io.flinkcertify.harness.junit.CertifyContext;
import io.flinkcertify.harness.plan.PlannedGroup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dry run prints what runs: for the reference batch and the default targets, the checks it lists, group by
 * group, are the dynamic tests the suites' factories produce, in the same order, under the same names.
 */
class SuitePlanDryRunTest {

    @TempDir
    Path dir;

    @Test
    void dryRunListsExactlyTheChecksTheFactoriesProduce() throws Exception {
        List<String> printed = printedChecks();
        List<String> produced = producedChecks();
        assertTrue(printed.size() > 20, "the reference batch plans more checks than " + printed);
        assertEquals(produced, printed);
        assertFalse(Files.exists(dir.resolve("out").resolve("checks")), "a check body ran while listing the factories");
    }

    /** "group › check" for every name on the dry run's checks lines, under the group line above them. */
    private List<String> printedChecks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ExitCodes.PASS, CertifyCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--dry-run", "--out", dir.resolve("dry").toString()),
                err.toString(StandardCharsets.UTF_8));
        List<String> checks = new ArrayList<>();
        String group = null;
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            if (line.startsWith("- ")) {
                group = line.substring(2, line.lastIndexOf(" ["));
            } else if (line.startsWith(DryRun.CHECKS)) {
                for (String name : line.substring(DryRun.CHECKS.length()).split(", ")) {
                    checks.add(group + " › " + name);
                }
            }
        }
        return checks;
    }

    /**
     * "container › test" for every dynamic test the suites' factories produce, read off the streams they return:
     * the tests are built, never run (running one would start clusters). Within a suite, the factories are taken
     * in the order the dry run prints them; JUnit's own order of factory methods is not the dry run's to decide.
     */
    private List<String> producedChecks() throws Exception {
        FlinkDistribution distribution = FlinkDistribution.fromClasspath();
        Map<String, String> parameters = Map.of(
                RunSettings.BATCH, distribution.batchesDir().resolve("reference.yaml").toString(),
                RunSettings.TARGETS, String.join(",", TargetCatalog.defaults()),
                RunSettings.OUT, dir.resolve("out").toString(),
                RunSettings.SEED, "1",
                // as the CLI says when its suites include the fault suite (the defaults do)
                RunSettings.FAULT_SUITE_RUNS, Boolean.toString(SuiteCatalog.defaults().contains("fault")),
                RunSettings.INTEGRATION_SUITE_RUNS, Boolean.toString(SuiteCatalog.defaults().contains("integration")));
        Constructor<CertifyContext> made = CertifyContext.class.getDeclaredConstructor(RunSettings.class);
        made.setAccessible(true);
        CertifyContext ctx = made.newInstance(RunSettings.from(key -> Optional.ofNullable(parameters.get(key))));
        List<String> produced = new ArrayList<>();
        for (String suite : SuiteCatalog.defaults()) {
            for (Class<?> suiteClass : SuiteCatalog.suiteClasses(suite)) {
                Map<String, List<String>> byFactory = new LinkedHashMap<>();
                Object instance = construct(suiteClass);
                for (Method factory : suiteClass.getDeclaredMethods()) {
                    if (factory.isAnnotationPresent(TestFactory.class)) {
                        factory.setAccessible(true);
                        List<String> tests = new ArrayList<>();
                        try (Stream<?> nodes = (Stream<?>) factory.invoke(instance, ctx)) {
                            nodes.forEach(node -> collect((DynamicNode) node, null, tests));
                        }
                        byFactory.put(factory.getAnnotation(DisplayName.class).value(), tests);
                    }
                }
                SuiteCatalog.planner(suiteClass).plan(ctx.batch(), ctx.targets(), ctx.settings()).groups().stream()
                        .map(PlannedGroup::factory).distinct()
                        .forEach(f -> produced.addAll(byFactory.getOrDefault(f, List.of("no factory '" + f + "'"))));
                byFactory.keySet().forEach(f -> assertTrue(produced.containsAll(byFactory.get(f)),
                        suiteClass.getSimpleName() + " factory '" + f + "' is missing from the plan"));
            }
        }
        return produced;
    }

    private static void collect(DynamicNode node, String container, List<String> tests) {
        if (node instanceof DynamicContainer c) {
            try (Stream<? extends DynamicNode> children = c.getChildren()) {
                children.forEach(child -> collect(child, c.getDisplayName(), tests));
            }
        } else {
            tests.add(container + " › " + node.getDisplayName());
        }
    }

    private static Object construct(Class<?> suiteClass) throws Exception {
        Constructor<?> c = suiteClass.getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
    }
}
