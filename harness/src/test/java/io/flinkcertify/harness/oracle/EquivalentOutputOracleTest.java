package io.flinkcertify.harness.oracle;

import io.flinkcertify.harness.workload.Normalisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EquivalentOutputOracleTest {

    @TempDir
    Path dir;

    private Path output(String name, List<String>... files) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files.length; i++) {
            Files.write(out.resolve("part-" + i), files[i]);
        }
        return out;
    }

    @Test
    void sameRecordsInOtherFilesAndOrderAreEquivalent() throws Exception {
        Path a = output("a", List.of("k0,0,1", "k1,0,1"), List.of("k0,1,2"));
        Path b = output("b", List.of("k0,1,2", "k0,0,1", "k1,0,1"));
        Judgement j = new EquivalentOutputOracle().judge("yarn", a, "k8s", b);
        assertTrue(j.passed(), j.reason());
        assertEquals(3L, ((Number) written(j).get("yarnRecords")).longValue());
        assertEquals(0L, ((Number) written(j).get("onlyK8s")).longValue());
    }

    @Test
    void alteredRecordOnOneSideIsReportedWithBothDifferences() throws Exception {
        Path a = output("a", List.of("k0,0,1", "k0,1,2"));
        Path b = output("b", List.of("k0,0,1", "k0,1,3"));
        Judgement j = new EquivalentOutputOracle().judge("yarn", a, "k8s", b);
        assertFalse(j.passed());
        assertEquals(1L, ((Number) written(j).get("onlyYarn")).longValue());
        assertEquals(1L, ((Number) written(j).get("onlyK8s")).longValue());
        assertTrue(j.reason().contains("k0,1,2") && j.reason().contains("k0,1,3"), j.reason());
    }

    @Test
    void multiplicityMatters() throws Exception {
        Path a = output("a", List.of("k0,0,1"));
        Path b = output("b", List.of("k0,0,1", "k0,0,1"));
        Judgement j = new EquivalentOutputOracle().judge("yarn", a, "k8s", b);
        assertFalse(j.passed());
        assertEquals(1L, ((Number) written(j).get("onlyK8s")).longValue());
    }

    @Test
    void emptyLeftSideIsNotEquivalence() throws Exception {
        Path a = output("a");
        Path b = output("b");
        assertFalse(new EquivalentOutputOracle().judge("yarn", a, "k8s", b).passed());
    }

    @Test
    void inProgressFilesAreNotCompared() throws Exception {
        Path a = output("a", List.of("k0,0,1"));
        Path b = output("b", List.of("k0,0,1"));
        Files.write(b.resolve(".part-9.inprogress.x"), List.of("k0,1,2"));
        assertTrue(new EquivalentOutputOracle().judge("yarn", a, "k8s", b).passed());
    }

    @Test
    void aDivergenceNamesTheFileItCameFrom() throws Exception {
        Path a = output("a", List.of("k0,0,1"), List.of("k1,0,1", "k1,0,1"));
        Path b = output("b", List.of("k0,0,1"));
        Judgement j = new EquivalentOutputOracle().judge("run1", a, "run2", b);
        assertFalse(j.passed());
        assertEquals(List.of("k1,0,1 (x2) in part-1"), written(j).get("firstOnlyRun1"), j.reason());
    }

    @Test
    void aDeclaredNormalisationHidesOnlyTheColumnItNames() throws Exception {
        Normalisation stamp = new Normalisation(Normalisation.Format.CSV, ",", List.of(3), List.of(), null);
        Path a = output("a", List.of("c1,10,1700000000001", "c2,5,1700000000002"));
        Path b = output("b", List.of("c2,5,1700000000999", "c1,10,1700000000998"));
        assertFalse(new EquivalentOutputOracle().judge("run1", a, "run2", b).passed(), "not normalised by default");
        Judgement j = new EquivalentOutputOracle(stamp).judge("run1", a, "run2", b);
        assertTrue(j.passed(), j.reason());
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> normalised = (java.util.Map<String, Object>) written(j).get("normalised");
        assertEquals(4, ((Number) normalised.get("recordsChanged")).intValue(), normalised.toString());
        // a difference in another column still shows, normalised as it was compared
        Path c = output("c", List.of("c2,6,1700000000999", "c1,10,1700000000998"));
        Judgement changed = new EquivalentOutputOracle(stamp).judge("run1", a, "run2", c);
        assertFalse(changed.passed());
        assertTrue(changed.reason().contains("c2,6,* in part-0"), changed.reason());
    }

    /** The evidence as verdict.json has it: each side under the target's own label. */
    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> written(Judgement j) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(j.evidence(), java.util.Map.class);
    }
}
