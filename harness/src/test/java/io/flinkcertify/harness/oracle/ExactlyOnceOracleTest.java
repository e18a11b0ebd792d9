package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.ExactlyOnce;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle.Expectation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactlyOnceOracleTest {

    private static final int KEYS = 3;
    private static final int TOTAL = 10; // k0: 4 records (0..3), k1: 3 (0..2), k2: 3 (0..2)

    @TempDir
    Path out;

    private final ExactlyOnceOracle oracle = new ExactlyOnceOracle();

    private static Expectation bounded(long keys, long total) {
        return new Expectation(OptionalLong.of(keys), OptionalLong.of(total));
    }

    private static Expectation unbounded(long keys) {
        return new Expectation(OptionalLong.of(keys), OptionalLong.empty());
    }

    /** Lines of a clean bounded run: key k gets n/K + (k < n%K ? 1 : 0) values 0..count-1. */
    private static List<String> cleanLines(int keys, int total) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            long count = total / keys + (k < total % keys ? 1 : 0);
            for (long seq = 0; seq < count; seq++) {
                lines.add(line("k" + k, seq));
            }
        }
        return lines;
    }

    private static String line(String key, long seq) {
        return key + "," + seq + "," + (seq + 1);
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = out.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, lines);
    }

    private static ExactlyOnce.Offenders byKey(Map<String, ExactlyOnce.Offenders> byKey, String key) {
        return byKey == null ? null : byKey.get(key);
    }

    @Test
    void cleanBoundedOutputPasses() throws IOException {
        List<String> lines = cleanLines(KEYS, TOTAL);
        assertEquals(TOTAL, lines.size(), "test data");
        // split over two part files, each keeping per-key order
        write("part-0-0", lines.subList(0, 5));
        write("part-1-0", lines.subList(5, lines.size()));

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertNull(j.reason());
        assertEquals(10L, j.evidence(ExactlyOnce.class).recordsVerified());
        assertEquals(10L, j.evidence(ExactlyOnce.class).recordsExpected());
        assertEquals(2, j.evidence(ExactlyOnce.class).committedFiles());
        assertEquals(3, j.evidence(ExactlyOnce.class).keys());
        assertEquals(0L, j.evidence(ExactlyOnce.class).gaps());
        assertEquals(0L, j.evidence(ExactlyOnce.class).repeats());
        assertEquals(0L, j.evidence(ExactlyOnce.class).outOfOrder());
        assertEquals(0L, j.evidence(ExactlyOnce.class).stateMismatches());
    }

    @Test
    void cleanOutputInBucketSubdirectoriesPasses() throws IOException {
        List<String> lines = cleanLines(KEYS, TOTAL);
        write("2024-01-01--10/part-0-0", lines.subList(0, 4));
        write("2024-01-01--11/part-0-1", lines.subList(4, lines.size()));

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertEquals(2, j.evidence(ExactlyOnce.class).committedFiles());
    }

    @Test
    void duplicatedLineIsReportedAsRepeatWithFirstOffendingValue() throws IOException {
        write("part-0-0", cleanLines(KEYS, TOTAL));
        // replayed after a restart: the same record committed again in a later part file
        write("part-0-1", List.of(line("k1", 2)));

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("1 duplicated (first: k1 [2])"), j.reason());
        assertEquals(1L, j.evidence(ExactlyOnce.class).repeats());
        assertEquals(0L, j.evidence(ExactlyOnce.class).gaps());
        assertEquals(0L, j.evidence(ExactlyOnce.class).outOfOrder(), "the repeat is in another file, so not out of order");
        assertEquals(new ExactlyOnce.Offenders(1, List.of(2L)), byKey(j.evidence(ExactlyOnce.class).repeatsByKey(), "k1"));
        assertEquals(11L, j.evidence(ExactlyOnce.class).recordsVerified());
    }

    @Test
    void removedLineIsReportedAsGapWithFirstMissingValue() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        assertTrue(lines.remove(line("k0", 1)));
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("1 missing (first: k0 [1])"), j.reason());
        assertEquals(1L, j.evidence(ExactlyOnce.class).gaps());
        assertEquals(0L, j.evidence(ExactlyOnce.class).repeats());
        assertEquals(new ExactlyOnce.Offenders(1, List.of(1L)), byKey(j.evidence(ExactlyOnce.class).gapsByKey(), "k0"));
    }

    @Test
    void missingTailOfABoundedKeyIsAGap() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        // k0 should reach seq 3 (4 records: 10/3 + 1); drop its last record
        assertTrue(lines.remove(line("k0", 3)));
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("1 missing (first: k0 [3])"), j.reason());
    }

    @Test
    void outOfOrderWithinAFileIsReported() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        // swap k1,1 and k1,2 inside the same file: nothing lost or repeated, only order broken
        int i1 = lines.indexOf(line("k1", 1));
        int i2 = lines.indexOf(line("k1", 2));
        lines.set(i1, line("k1", 2));
        lines.set(i2, line("k1", 1));
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("1 out of order (first: k1 [1])"), j.reason());
        assertEquals(1L, j.evidence(ExactlyOnce.class).outOfOrder());
        assertEquals(0L, j.evidence(ExactlyOnce.class).gaps());
        assertEquals(0L, j.evidence(ExactlyOnce.class).repeats());
    }

    @Test
    void orderAcrossFilesIsNotCheckedOnlyWithinAFile() throws IOException {
        // a key's later values in an earlier-sorting file is fine: order is per part file
        write("part-0-0", List.of(line("k0", 2), line("k0", 3)));
        write("part-0-1", List.of(line("k0", 0), line("k0", 1)));

        Judgement j = oracle.judge(out, unbounded(1));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertEquals(0L, j.evidence(ExactlyOnce.class).outOfOrder());
    }

    @Test
    void wrongCountIsAStateMismatch() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        int i = lines.indexOf(line("k2", 2));
        lines.set(i, "k2,2,1"); // count rewound: keyed state was lost
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("1 with wrong keyed-state count (first: k2 [2])"), j.reason());
        assertEquals(1L, j.evidence(ExactlyOnce.class).stateMismatches());
        assertEquals(0L, j.evidence(ExactlyOnce.class).gaps());
        assertEquals(0L, j.evidence(ExactlyOnce.class).repeats());
    }

    @Test
    void missingKeyIsReported() throws IOException {
        List<String> lines = cleanLines(KEYS, TOTAL).stream().filter(l -> !l.startsWith("k2,")).toList();
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("keys without output: [k2]"), j.reason());
        assertEquals(List.of("k2"), j.evidence(ExactlyOnce.class).missingKeys());
    }

    @Test
    void keyThatExpectsNoRecordIsNotMissing() throws IOException {
        // 2 records over 3 keys: k0 and k1 get one each, k2 none
        write("part-0-0", List.of(line("k0", 0), line("k1", 0)));

        Judgement j = oracle.judge(out, bounded(3, 2));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertTrue(absent(j.evidence(ExactlyOnce.class).missingKeys()));
    }

    @Test
    void missingKeyIsReportedForUnboundedExpectationToo() throws IOException {
        write("part-0-0", List.of(line("k0", 0), line("k0", 1)));

        Judgement j = oracle.judge(out, unbounded(2));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("keys without output: [k1]"), j.reason());
    }

    @Test
    void hiddenInProgressFilesAreIgnored() throws IOException {
        write("part-0-0", cleanLines(KEYS, TOTAL));
        // in-progress / pending files: duplicates and garbage that a checkpoint never committed
        write(".part-0-1.inprogress.8f1c", List.of(line("k0", 0), line("k0", 99), "garbage"));
        write(".staging/part-9-9", List.of(line("k1", 0)));

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertEquals(1, j.evidence(ExactlyOnce.class).committedFiles());
        assertEquals(10L, j.evidence(ExactlyOnce.class).recordsVerified());
    }

    @Test
    void onlyHiddenFilesMeansNoCommittedRecords() throws IOException {
        write(".part-0-0.inprogress.1", cleanLines(KEYS, TOTAL));

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().startsWith("no committed records in "), j.reason());
        assertEquals(0, j.evidence(ExactlyOnce.class).committedFiles());
    }

    @Test
    void missingOutputDirectoryFails() {
        Judgement j = oracle.judge(out.resolve("never-written"), Expectation.unknown());

        assertFalse(j.passed());
        assertTrue(j.reason().contains("no committed records"), j.reason());
    }

    @Test
    void unboundedExpectationChecksOnlyTheObservedRange() throws IOException {
        // a cancelled unbounded job: keys stop at different points, each range [0, max] complete
        write("part-0-0", List.of(line("k0", 0), line("k0", 1), line("k0", 2), line("k0", 3), line("k0", 4),
                line("k1", 0), line("k1", 1)));

        Judgement j = oracle.judge(out, unbounded(2));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertTrue(absent(j.evidence(ExactlyOnce.class).recordsExpected()));
        assertEquals(7L, j.evidence(ExactlyOnce.class).recordsVerified());
    }

    @Test
    void unboundedExpectationStillFindsHolesBelowTheMaximum() throws IOException {
        write("part-0-0", List.of(line("k0", 0), line("k0", 1), line("k0", 4)));

        Judgement j = oracle.judge(out, unbounded(1));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("2 missing (first: k0 [2, 3])"), j.reason());
    }

    @Test
    void unknownExpectationChecksObservedRangesOfAnyKeyName() throws IOException {
        write("part-0-0", List.of(line("alpha", 0), line("alpha", 1), line("beta", 0), line("beta", 2)));

        Judgement j = oracle.judge(out, Expectation.unknown());

        assertFalse(j.passed());
        assertTrue(j.reason().contains("1 missing (first: beta [1])"), j.reason());
        assertTrue(absent(j.evidence(ExactlyOnce.class).missingKeys()));
    }

    @Test
    void valuesBeyondTheBoundedRangeAreFlagged() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        // k1 expects seq 0..2 (10/3 = 3 records, 1 is not < 10%3); seq 3 and 4 should never exist
        lines.add(line("k1", 3));
        lines.add(line("k1", 4));
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("2 duplicated (first: k1 [3, 4])"), j.reason());
        assertEquals(0L, j.evidence(ExactlyOnce.class).gaps(), "values past the range must not create gaps");
    }

    @Test
    void theSameValuesPassWhenUnbounded() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        lines.add(line("k1", 3));
        lines.add(line("k1", 4));
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, unbounded(KEYS));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
    }

    @Test
    void malformedLinesAreReportedWithFileAndLineNumber() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        lines.add(2, "k0,notanumber,1");
        lines.add("no-commas-at-all");
        lines.add(""); // blank lines are skipped, not malformed
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed());
        assertTrue(j.reason().contains("malformed lines (first: part-0-0:3 'k0,notanumber,1')"), j.reason());
        assertEquals(List.of("part-0-0:3 'k0,notanumber,1'", "part-0-0:12 'no-commas-at-all'"),
                j.evidence(ExactlyOnce.class).malformedLines());
        assertEquals(10L, j.evidence(ExactlyOnce.class).recordsVerified(), "malformed lines are not counted as records");
    }

    @Test
    void twoFieldLinesImplyTheCount() throws IOException {
        write("part-0-0", List.of("k0,0", "k0,1", "k0,2"));

        Judgement j = oracle.judge(out, unbounded(1));

        assertTrue(j.passed(), () -> "expected pass, got: " + j.reason());
        assertEquals(0L, j.evidence(ExactlyOnce.class).stateMismatches());
    }

    @Test
    void firstOffendersAreCappedAtFiveButAllAreCounted() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(1, 3));
        for (long seq = 10; seq < 20; seq++) {
            lines.add(line("k0", seq));
        }
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, unbounded(1));

        assertFalse(j.passed());
        assertEquals(7L, j.evidence(ExactlyOnce.class).gaps());
        assertEquals(new ExactlyOnce.Offenders(7, List.of(3L, 4L, 5L, 6L, 7L)), byKey(j.evidence(ExactlyOnce.class).gapsByKey(), "k0"));
    }

    @Test
    void expectedCountPerKeySpreadsTheRemainderOverTheFirstKeys() {
        Expectation e = bounded(8, 24003);
        assertEquals(3001, e.expectedCount(0));
        assertEquals(3001, e.expectedCount(2));
        assertEquals(3000, e.expectedCount(3));
        assertEquals(3000, e.expectedCount(7));
    }

    @Test
    void keyOutsideTheBoundedKeyRangeIsFlagged() throws IOException {
        List<String> lines = new ArrayList<>(cleanLines(KEYS, TOTAL));
        lines.addAll(List.of(line("k7", 0), line("k7", 1), line("k7", 2)));
        write("part-0-0", lines);

        Judgement j = oracle.judge(out, bounded(KEYS, TOTAL));

        assertFalse(j.passed(), "13 records of a 10-record, 3-key run must not pass: " + j.evidence());
    }

    private static boolean absent(Object figure) {
        return figure == null || (figure instanceof java.util.Collection<?> c && c.isEmpty());
    }
}
