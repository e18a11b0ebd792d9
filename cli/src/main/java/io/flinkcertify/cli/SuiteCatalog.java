package io.flinkcertify.cli;

import io.flinkcertify.suite.integration.IntegrationSuite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The suites this build ships, by the names users give with --suites. */
final class SuiteCatalog {

    static final List<String> PLANNED = List.of("integration", "fault", "performance", "regression");
    private static final Map<String, Class<?>> AVAILABLE = new LinkedHashMap<>();

    static {
        AVAILABLE.put(IntegrationSuite.SUITE, IntegrationSuite.class);
    }

    static List<String> available() {
        return List.copyOf(AVAILABLE.keySet());
    }

    static Class<?> suiteClass(String name) {
        Class<?> c = AVAILABLE.get(name);
        if (c != null) {
            return c;
        }
        if (PLANNED.contains(name)) {
            throw new BadInput("--suites", "suite '" + name + "' is not in this build yet",
                    "use one of " + String.join(",", available()));
        }
        throw new BadInput("--suites", "unknown suite '" + name + "'", "use one of " + String.join(",", available()));
    }

    private SuiteCatalog() {}
}
