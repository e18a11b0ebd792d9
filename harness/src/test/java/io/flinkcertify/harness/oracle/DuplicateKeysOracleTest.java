package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.evidence.DuplicateKeys;
import io.flinkcertify.harness.workload.Normalisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateKeysOracleTest {

    @TempDir
    Path out;

    private static Normalisation csvKey(String column) {
        return new Normalisation(Normalisation.Format.CSV, ",", List.of(), List.of(), null, column);
    }

    @Test
    void aKeyCommittedTwiceAcrossFilesFailsNamingKeyCountAndFiles() throws Exception {
        Files.write(out.resolve("part-0-0"), List.of("o1,c1,10,1700", "o2,c1,5,1701"));
        Files.write(out.resolve("part-1-0"), List.of("o3,c2,7,1702", "o2,c1,5,1799"));
        Judgement j = new DuplicateKeysOracle(csvKey("1")).judge(out);
        assertFalse(j.passed());
        DuplicateKeys d = j.evidence(DuplicateKeys.class);
        assertEquals(4, d.records());
        assertEquals(1, d.duplicatedKeys());
        assertEquals(List.of("o2 (x2) in part-0-0, part-1-0"), d.firstDuplicated());
    }

    @Test
    void uniqueKeysPassAndAKeyThatReadsNothingFails() throws Exception {
        Files.write(out.resolve("part-0-0"), List.of("o1,c1,10", "o2,c1,10", "o3,c1,10"));
        assertTrue(new DuplicateKeysOracle(csvKey("1")).judge(out).passed());
        assertFalse(new DuplicateKeysOracle(csvKey("2")).judge(out).passed(), "column 2 repeats: c1 x3");
        Judgement missing = new DuplicateKeysOracle(csvKey("9")).judge(out);
        assertFalse(missing.passed());
        assertTrue(missing.reason().contains("no record has the key 9"), missing.reason());
    }

    @Test
    void jsonKeysAreFieldsOrDottedPaths() throws Exception {
        Files.write(out.resolve("part-0-0"), List.of("{\"order\":{\"id\":1},\"at\":5}", "{\"at\":6,\"order\":{\"id\":1}}"));
        Normalisation json = new Normalisation(Normalisation.Format.JSON, ",", List.of(), List.of(), null, "order.id");
        Judgement j = new DuplicateKeysOracle(json).judge(out);
        assertFalse(j.passed());
        assertEquals(List.of("1 (x2) in part-0-0"), j.evidence(DuplicateKeys.class).firstDuplicated());
    }
}
