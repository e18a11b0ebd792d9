package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A job's sustained load over a measurement window, Nexmark's way: the sources' records/s from Flink's metrics, the
 * CPU cores every process of the job's cluster actually used from /proc, and their ratio; with peak memory, the
 * worst back-pressure and busy share, and what checkpoints cost meanwhile.
 *
 * @param coresUsed              null where the target's processes cannot be read (pods on a remote cluster)
 * @param recordsPerSecondPerCore median records/s over median cores, null without cores
 * @param peakRssBytes           peak RSS per instance ({@code role id}), and their sum under {@code total}
 * @param stackPeakRssBytes      the highest RSS of the whole embedded stack seen in the window (the harness JVM and
 *                               everything below it), null where not sampled
 * @param besideJobCores         cores the rest of the embedded stack (the harness, ZooKeeper, YARN's daemons, the
 *                               Kubernetes emulation) used during the window, per usage interval: on a machine the
 *                               job shares with its emulated platform, what the platform itself took from its
 *                               cores; null where not sampled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Throughput(long windowSeconds, Spread recordsPerSecond, Spread coresUsed, Double recordsPerSecondPerCore,
                         Map<String, Long> peakRssBytes, long totalPeakRssBytes, Long stackPeakRssBytes,
                         Spread besideJobCores,
                         double maxBackPressureRatio,
                         double maxBusyRatio, Checkpoints checkpoints) implements Evidence {

    /** Checkpoints over the job's life so far, from Flink's statistics. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoints(long completed, long failed, Double endToEndP50Ms, Double endToEndP99Ms,
                              Double checkpointedSizeP50Bytes, Double stateSizeP50Bytes, Double alignmentBufferedP50Bytes) {}

    @Override
    public String headline() {
        return String.format("recordsPerSecond=%.0f", recordsPerSecond.median())
                + (recordsPerSecondPerCore == null ? "" : String.format(" perCore=%.0f", recordsPerSecondPerCore))
                + String.format(" peakRssMiB=%d", totalPeakRssBytes >> 20);
    }
}
