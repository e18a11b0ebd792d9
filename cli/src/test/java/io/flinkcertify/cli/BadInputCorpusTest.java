package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkcertify.harness.targets.TargetCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bad-input corpus ({@code bad-input/cases.yaml}): for every case, the documented exit code, exactly one stderr
 * line naming the field, no stack trace or exception class, no secret quoted, nothing created or changed on disk, and
 * nothing left running or held ({@link Footprint}: processes, listening ports, temp dirs, registry, iptables rules).
 */
class BadInputCorpusTest {

    /** One case of the corpus; the fields are described at the top of cases.yaml. */
    record Case(String name, List<String> args, String manifest, Map<String, String> files,
                Map<String, List<String>> jars, List<String> dirs, int exit, String field, String secret,
                Boolean dryRun, String whenUnavailable) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b");

    @TempDir
    Path dir;

    static List<Case> cases() throws IOException {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/cases.yaml")) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return List.of(yaml.readValue(in, Case[].class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneLineNamingTheFieldAndChangesNothing(Case c) throws IOException {
        if (c.whenUnavailable() != null) {
            assumeTrue(TargetCatalog.unavailableReason(c.whenUnavailable()).isPresent(), c.whenUnavailable() + " can run here");
        }
        List<String> args = arguments(c);
        Path cwdDefaultOut = Path.of("certify-out").toAbsolutePath();
        boolean cwdOutBefore = Files.exists(cwdDefaultOut);
        Map<String, String> before = tree(dir);
        Footprint footprintBefore = Footprint.now();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CertifyCommand.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));

        String stderr = err.toString(StandardCharsets.UTF_8).strip();
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(c.exit(), code, () -> "exit code; stderr: " + stderr);
        assertEquals(1, stderr.lines().count(), () -> "exactly one line on stderr, got:\n" + stderr);
        assertTrue(stderr.startsWith("certify: "), stderr);
        assertTrue(stderr.contains(c.field()), () -> "names '" + c.field() + "': " + stderr);
        assertFalse(stderr.contains("\tat ") || EXCEPTION_NAME.matcher(stderr).find(), () -> "no stack trace or class: " + stderr);
        assertEquals("", stdout, "nothing starts, nothing is printed");
        if (c.secret() != null) {
            assertNoPieceOf(c.secret(), stderr);
        }
        assertEquals(before, tree(dir), "nothing created or changed in the run's folder (OUT included)");
        assertEquals(cwdOutBefore, Files.exists(cwdDefaultOut), "nothing created in the working directory");
        assertEquals(footprintBefore, Footprint.now(),
                "no process, listening port, temp dir, registry entry or iptables rule left by the case");
    }

    /** Writes the case's files and returns its arguments with the defaults and ${dir} filled in. */
    private List<String> arguments(Case c) throws IOException {
        if (c.manifest() != null) {
            Files.writeString(dir.resolve("batch.yaml"), c.manifest());
        }
        if (c.files() != null) {
            for (Map.Entry<String, String> f : c.files().entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            }
        }
        if (c.dirs() != null) {
            for (String d : c.dirs()) {
                Files.createDirectories(dir.resolve(d));
            }
        }
        if (c.jars() != null) {
            for (Map.Entry<String, List<String>> j : c.jars().entrySet()) {
                writeJar(dir.resolve(j.getKey()), j.getValue());
            }
        }
        List<String> args = new ArrayList<>();
        for (String a : c.args() == null ? List.<String>of() : c.args()) {
            args.add(a.replace("${dir}", dir.toString()));
        }
        if (!args.contains("--out")) {
            args.addAll(List.of("--out", dir.resolve("out").toString()));
        }
        if (c.manifest() != null && !args.contains("--batch")) {
            args.addAll(List.of("--batch", dir.resolve("batch.yaml").toString()));
        }
        if (Boolean.FALSE.equals(c.dryRun())) {
            // a case that wrongly passed validation must still start nothing: k3s cannot start without Docker
            assertTrue(args.contains("k3s"), c.name() + ": a real-run case must choose --targets k3s");
            assumeTrue(TargetCatalog.unavailableReason("k3s").isPresent(), "k3s can run here");
        } else {
            args.add("--dry-run");
        }
        return args;
    }

    private static void writeJar(Path file, List<String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                jar.putNextEntry(new JarEntry(entry));
                jar.closeEntry();
            }
        }
    }

    /** Every path under {@code root} with a digest of its content (folders too, so a created OUT shows). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                entries.put(root.relativize(p).toString(), Files.isRegularFile(p)
                        ? Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))) : "dir");
            }
        }
        return entries;
    }

    /** No run of 8 characters of the secret appears in the message. */
    private static void assertNoPieceOf(String secret, String message) {
        for (int i = 0; i + 8 <= secret.length(); i++) {
            String piece = secret.substring(i, i + 8);
            assertFalse(message.contains(piece), () -> "quotes '" + piece + "': " + message);
        }
    }
}
