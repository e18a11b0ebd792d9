package io.flinkcertify.harness.targets.kubernetes.emulated;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BashWordsTest {

    @Test
    void blanksSeparateWordsAndRunsOfBlanksCountOnce() {
        assertEquals(List.of("kubernetes-jobmanager.sh", "kubernetes-session"),
                BashWords.split("kubernetes-jobmanager.sh   kubernetes-session "));
    }

    @Test
    void singleQuotesKeepBlanksAndBackslashesLiterally() {
        assertEquals(List.of("-D", "env.java.opts.all=-Xss1m -Da=b\\c"),
                BashWords.split("-D 'env.java.opts.all=-Xss1m -Da=b\\c'"));
    }

    @Test
    void doubleQuotesHonourOnlyTheirFourEscapes() {
        assertEquals(List.of("a \"b\" $c \\n"), BashWords.split("\"a \\\"b\\\" \\$c \\n\""));
    }

    @Test
    void quotesJoinWithAdjacentTextIntoOneWord() {
        assertEquals(List.of("-Dkey=one two", "x"), BashWords.split("-Dkey='one two' x"));
        assertEquals(List.of("ab"), BashWords.split("a''b"));
        assertEquals(List.of(""), BashWords.split("''"));
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertEquals(List.of("a b", "c"), BashWords.split("a\\ b c"));
    }

    @Test
    void unterminatedQuotesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BashWords.split("'open"));
        assertThrows(IllegalArgumentException.class, () -> BashWords.split("\"open"));
    }

    @Test
    void flinkPodCommandsBecomeEntrypoints() {
        PodCommand tm = PodCommand.of(List.of("/docker-entrypoint.sh"),
                List.of("bash", "-c", "kubernetes-taskmanager.sh -Dtaskmanager.resource-id='tm 1' -D a=b"));
        assertEquals("org.apache.flink.kubernetes.taskmanager.KubernetesTaskExecutorRunner", tm.mainClass());
        assertEquals(List.of("-Dtaskmanager.resource-id=tm 1", "-D", "a=b"), tm.arguments());
        PodCommand jm = PodCommand.of(List.of("/docker-entrypoint.sh"),
                List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-application "));
        assertEquals("org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint", jm.mainClass());
        assertEquals(List.of(), jm.arguments());
        assertThrows(IllegalArgumentException.class, () -> PodCommand.of(List.of("sleep"), List.of("1")));
        assertThrows(IllegalArgumentException.class, () -> PodCommand.of(List.of(),
                List.of("bash", "-c", "kubernetes-jobmanager.sh kubernetes-yarn")));
    }
}
