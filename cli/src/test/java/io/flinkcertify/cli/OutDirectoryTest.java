package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** OUT is the user's: the harness removes only what it wrote, and refuses folders it cannot vouch for. */
class OutDirectoryTest {

    @TempDir
    Path dir;

    /** What a run writes: files under every kind of output, as the suites and the CLI do. */
    private static void writeOutputs(Path out, String tag) throws IOException {
        write(out.resolve("junit/TEST-" + tag + ".xml"), "<testsuite/>");
        write(out.resolve("checks/0001-" + tag + ".json"), "{}");
        write(out.resolve("allure-results/" + tag + "-result.json"), "{}");
        write(out.resolve("logs/standalone-" + tag + "/jobmanager.log"), "log");
        write(out.resolve("verdict.json"), "{\"run\":\"" + tag + "\"}");
    }

    private static void run(Path out, boolean force, String tag) throws IOException {
        OutDirectory o = OutDirectory.inspect(out, force);
        o.prepare(tag);
        writeOutputs(out, tag);
        o.finish(tag);
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Every file under {@code root} with its content, for before/after comparisons. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static String refusal(Path out, boolean force) {
        BadInput e = assertThrows(BadInput.class, () -> OutDirectory.inspect(out, force));
        assertTrue(e.getMessage().startsWith("--out: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aMissingFolderIsCreatedAndMarked() throws IOException {
        Path out = dir.resolve("a/b/out");
        run(out, false, "r1");
        assertTrue(Files.isRegularFile(out.resolve(OutDirectory.MARKER)));
        String marker = Files.readString(out.resolve(OutDirectory.MARKER));
        assertTrue(marker.contains("\"junit/TEST-r1.xml\"") && marker.contains("\"verdict.json\""), marker);
        assertTrue(marker.contains("\"complete\" : true"), marker);
    }

    @Test
    void inspectingChangesNothingOnDisk() {
        OutDirectory.inspect(dir.resolve("new"), false);
        assertFalse(Files.exists(dir.resolve("new")));
    }

    @Test
    void anEmptyFolderIsAdopted() throws IOException {
        Path out = Files.createDirectory(dir.resolve("empty"));
        run(out, false, "r1");
        assertTrue(Files.isRegularFile(out.resolve(OutDirectory.MARKER)));
    }

    @Test
    void theNextRunReplacesOnlyWhatThePreviousRunWroteAndKeepsUserFilesBesideAndInside() throws IOException {
        Path out = dir.resolve("out");
        run(out, false, "r1");
        // the user adds files to the harness's folders and beside them
        write(out.resolve("junit/mine.xml"), "mine");
        write(out.resolve("logs/keep.txt"), "keep");
        write(out.resolve("notes.txt"), "notes");
        Map<String, String> users = Map.of("junit/mine.xml", "mine", "logs/keep.txt", "keep", "notes.txt", "notes");

        run(out, false, "r2");

        Map<String, String> after = tree(out);
        users.forEach((file, text) -> assertEquals(text, after.get(file), file));
        assertFalse(after.containsKey("junit/TEST-r1.xml"), "the previous run's own file is replaced");
        assertFalse(Files.exists(out.resolve("logs/standalone-r1")), "and its emptied folder removed");
        assertEquals("{\"run\":\"r2\"}", after.get("verdict.json"));
        OutDirectory.Marker marker = new ObjectMapper().readValue(after.get(OutDirectory.MARKER), OutDirectory.Marker.class);
        assertTrue(marker.written().contains("junit/TEST-r2.xml"), marker.toString());
        assertFalse(marker.written().contains("junit/mine.xml"), "a user file is never listed as written: " + marker);
        assertFalse(marker.written().contains("logs/keep.txt"), marker.toString());

        run(out, false, "r3"); // a third run still keeps them: they were never recorded as the harness's
        Map<String, String> third = tree(out);
        users.forEach((file, text) -> assertEquals(text, third.get(file), file));
        assertFalse(third.containsKey("junit/TEST-r2.xml"));
    }

    @Test
    void aKilledRunsFilesAreStillKnownByWhatWasThereBefore() throws IOException {
        Path out = dir.resolve("out");
        run(out, false, "r1");
        write(out.resolve("junit/mine.xml"), "mine");
        OutDirectory killed = OutDirectory.inspect(out, false);
        killed.prepare("r2");
        writeOutputs(out, "r2"); // and no finish(): the process died

        run(out, false, "r3");

        Map<String, String> after = tree(out);
        assertEquals("mine", after.get("junit/mine.xml"));
        assertFalse(after.containsKey("junit/TEST-r2.xml"), "the killed run's files count as the harness's");
    }

    @Test
    void aNonEmptyFolderWithoutTheMarkerIsRefusedAndLeftAlone() throws IOException {
        Path out = dir.resolve("home");
        write(out.resolve("logs/keep.txt"), "keep");
        Map<String, String> before = tree(out);
        String message = refusal(out, false);
        assertTrue(message.contains("--force") && message.contains("empty"), message);
        assertEquals(before, tree(out));
    }

    @Test
    void forceWritesBesideUserFilesButNeverIntoAnOutputPathTheUserOwns() throws IOException {
        Path out = dir.resolve("home");
        write(out.resolve("notes.txt"), "notes");
        run(out, true, "r1");
        assertEquals("notes", Files.readString(out.resolve("notes.txt")));
        assertTrue(Files.exists(out.resolve("junit/TEST-r1.xml")));

        Path other = dir.resolve("other");
        write(other.resolve("junit/mine.xml"), "mine");
        write(other.resolve("logs/keep.txt"), "keep");
        Map<String, String> before = tree(other);
        String message = refusal(other, true);
        assertTrue(message.contains("junit") || message.contains("logs"), message);
        assertEquals(before, tree(other));
    }

    @Test
    void aUserVerdictFileIsNeverOverwritten() throws IOException {
        Path out = dir.resolve("out");
        write(out.resolve("verdict.json"), "mine");
        assertTrue(refusal(out, true).contains("verdict.json"));
        assertEquals("mine", Files.readString(out.resolve("verdict.json")));
    }

    @Test
    void aHandEditedMarkerCannotDeleteOutsideTheOutputs() throws IOException {
        Path out = dir.resolve("out");
        run(out, false, "r1");
        Path outside = write(dir.resolve("precious.txt"), "precious");
        Path besides = write(out.resolve("notes.txt"), "notes");
        Path marker = out.resolve(OutDirectory.MARKER);
        Files.writeString(marker, Files.readString(marker).replace("\"verdict.json\"",
                "\"../precious.txt\", \"notes.txt\", \"verdict.json\""));

        run(out, false, "r2");

        assertEquals("precious", Files.readString(outside));
        assertEquals("notes", Files.readString(besides));
    }

    @Test
    void anUnreadableMarkerIsRefusedUnlessForced() throws IOException {
        Path out = dir.resolve("out");
        write(out.resolve(OutDirectory.MARKER), "not json");
        assertTrue(refusal(out, false).contains(OutDirectory.MARKER));
        OutDirectory.inspect(out, true);
    }

    @Test
    void aFileOrAPathUnderAFileIsRefused() throws IOException {
        Path file = write(dir.resolve("file"), "x");
        assertTrue(refusal(file, false).contains("is a file"));
        assertTrue(refusal(file.resolve("sub/out"), false).contains("is a file"));
    }

    @Test
    void anUnwritableFolderIsRefused() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertTrue(refusal(locked, false).contains("not writable"));
            assertTrue(refusal(locked.resolve("out"), false).contains("not writable"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aNearlyFullFilesystemIsAnEnvironmentErrorBeforeAnythingIsWritten() throws Exception {
        Path out = dir.resolve("out");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> OutDirectory.inspect(out, false, Long.MAX_VALUE));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("--out: only ")
                && e.getMessage().contains("MiB free"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(out), "nothing created");
    }
}
