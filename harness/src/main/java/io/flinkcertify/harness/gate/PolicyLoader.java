package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a policy file. Whatever the file leaves out keeps the shipped default (a file may change one weight);
 * anything it gets wrong is a {@link BadPolicy} naming the field. Messages quote field names and numbers only,
 * never a line of the file: a mistyped policy may hold anything, a pasted secret included.
 */
public final class PolicyLoader {

    static final String DEFAULT_RESOURCE = "/flink-certify/default-policy.yaml";
    private static final String FIX = "see the policy schema and the default policy (harness resources "
            + "flink-certify/policy.schema.json and default-policy.yaml; the regression-suite README)";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The file as written: every field optional, names as in YAML. */
    record PolicyFile(Map<String, Double> weights, List<CapFile> caps, ThresholdsFile advice, Boolean holdFailsBatch) {}

    record CapFile(String component, Double maxScore, Boolean critical) {}

    record ThresholdsFile(Double migrate, Double hold) {}

    private PolicyLoader() {}

    public static Policy load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadPolicy(file, "--policy", "no such file", "pass the path of a policy YAML file");
        }
        PolicyFile read;
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new BadPolicy(file, "--policy", "the file is empty", "write at least one field, or leave --policy out");
            }
            read = YAML.readValue(text, PolicyFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BadPolicy(file, path(e), "unknown field", FIX);
        } catch (MismatchedInputException e) {
            throw new BadPolicy(file, path(e), "wrong type (a number, true/false, a list or a mapping is expected)", FIX);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "--policy"
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BadPolicy(file, where, "not valid YAML", "correct the YAML syntax there");
        } catch (IOException e) {
            throw new BadPolicy(file, "--policy", "cannot read (" + e.getClass().getSimpleName() + ")", "make the file readable");
        }
        if (read == null) {
            throw new BadPolicy(file, "--policy", "holds no fields", "write at least one field, or leave --policy out");
        }
        return merge(file, read, defaults());
    }

    public static Policy defaults() {
        return Defaults.POLICY;
    }

    /** Read once, on first use. */
    private static final class Defaults {
        static final Policy POLICY = readDefaults();
    }

    private static Policy readDefaults() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath");
            }
            PolicyFile read = YAML.readValue(in, PolicyFile.class);
            Policy empty = new Policy(Map.of(), List.of(), new Policy.Thresholds(8, 5), false);
            return merge(Path.of("classpath:" + DEFAULT_RESOURCE), read, empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Policy merge(Path file, PolicyFile read, Policy base) {
        Map<Component, Double> weights = new EnumMap<>(Component.class);
        weights.putAll(base.weights());
        if (read.weights() != null) {
            read.weights().forEach((name, weight) -> {
                Component c = Component.of(name).orElseThrow(() -> new BadPolicy(file, "weights." + name,
                        "unknown component", "use one of " + Component.labels()));
                if (weight == null || !Double.isFinite(weight) || weight < 0) {
                    throw new BadPolicy(file, "weights." + name, "weight " + weight + " is below 0 or not a number",
                            "give a weight of 0 or more (0 leaves the component out)");
                }
                weights.put(c, weight);
            });
        }
        if (weights.values().stream().noneMatch(w -> w > 0)) {
            throw new BadPolicy(file, "weights", "every weight is 0: nothing would be scored", "give a component a weight above 0");
        }
        List<Policy.Cap> caps = read.caps() == null ? base.caps() : caps(file, read.caps());
        double migrate = read.advice() != null && read.advice().migrate() != null ? read.advice().migrate() : base.advice().migrate();
        double hold = read.advice() != null && read.advice().hold() != null ? read.advice().hold() : base.advice().hold();
        score(file, "advice.migrate", migrate);
        score(file, "advice.hold", hold);
        if (hold > migrate) {
            throw new BadPolicy(file, "advice", "thresholds out of order: hold " + hold + " is above migrate " + migrate,
                    "make advice.hold at most advice.migrate");
        }
        boolean holdFails = read.holdFailsBatch() != null ? read.holdFailsBatch() : base.holdFailsBatch();
        return new Policy(weights, caps, new Policy.Thresholds(migrate, hold), holdFails);
    }

    private static List<Policy.Cap> caps(Path file, List<CapFile> read) {
        List<Policy.Cap> caps = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            CapFile cap = read.get(i);
            String field = "caps[" + i + "]";
            if (cap == null || cap.component() == null) {
                throw new BadPolicy(file, field + ".component", "missing", "name the component the cap applies to");
            }
            Component c = Component.of(cap.component()).orElseThrow(() -> new BadPolicy(file, field + ".component",
                    "unknown component", "use one of " + Component.labels()));
            if (cap.maxScore() == null) {
                throw new BadPolicy(file, field + ".maxScore", "missing", "give the highest score, 0 to 10");
            }
            score(file, field + ".maxScore", cap.maxScore());
            caps.add(new Policy.Cap(c, cap.maxScore(), Boolean.TRUE.equals(cap.critical())));
        }
        return caps;
    }

    private static void score(Path file, String field, double value) {
        if (!(value >= 0 && value <= 10)) {
            throw new BadPolicy(file, field, value + " is outside 0 to 10", "give a score between 0 and 10");
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.isEmpty() ? "(top level)" : p.substring(p.startsWith(".") ? 1 : 0);
    }
}
