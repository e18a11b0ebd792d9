package io.flinkcertify.performance;

import io.flinkcertify.harness.oracle.EquivalentOutputOracle;
import io.flinkcertify.harness.oracle.ExactlyOnceOracle;
import io.flinkcertify.harness.oracle.Judgement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The oracles over a whole committed output, 1 M and 10 M records: one operation is one judgement, file reading
 * included (that is what a check pays). Single-shot: a 10 M judgement takes seconds, so JMH times each one.
 * Records per second = records / score. Allocation: add {@code -prof gc}. Each judgement must pass, or the
 * benchmark measured a different path (the failure reporting) and stops.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx6g"})
public class OracleBenchmark {

    /** One target's committed output. */
    @State(Scope.Benchmark)
    public static class Output {
        @Param({"1000000", "10000000"})
        public long records;

        Path root;
        Path left;

        @Setup(Level.Trial)
        public void write() throws IOException {
            root = Files.createTempDirectory("oracle-benchmark-");
            left = KeyedSequenceOutput.write(root.resolve("left"), records, false);
        }

        @TearDown(Level.Trial)
        public void delete() {
            KeyedSequenceOutput.delete(root);
        }
    }

    /** Two targets' outputs: the same records, the parts in the other order. */
    @State(Scope.Benchmark)
    public static class OutputPair extends Output {
        Path right;

        @Setup(Level.Trial)
        public void writeRight() {
            right = KeyedSequenceOutput.write(root.resolve("right"), records, true);
        }
    }

    @Benchmark
    public Judgement exactlyOnce(Output output) {
        Judgement j = new ExactlyOnceOracle().judge(output.left, new ExactlyOnceOracle.Expectation(
                OptionalLong.of(KeyedSequenceOutput.KEYS), OptionalLong.of(output.records)));
        return passed(j);
    }

    @Benchmark
    public Judgement equivalentOutput(OutputPair output) {
        return passed(new EquivalentOutputOracle().judge("yarn", output.left, "k8s", output.right));
    }

    private static Judgement passed(Judgement j) {
        if (!j.passed()) {
            throw new IllegalStateException("benchmark input should pass: " + j.reason());
        }
        return j;
    }
}
