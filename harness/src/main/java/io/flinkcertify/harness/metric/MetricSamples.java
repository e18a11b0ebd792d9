package io.flinkcertify.harness.metric;

/**
 * One metric's trials for one job on one target in this run: what the performance suite hands the gate, and what
 * a baseline stores (with the build facts that tell runs of different jars or configurations apart).
 *
 * @param jobJarSha256    the job jar's sha256 (hex)
 * @param flinkConfigHash a hash of the effective Flink configuration on that target
 */
public record MetricSamples(String job, String target, String flinkVersion, String jobJarSha256,
                            String flinkConfigHash, Samples samples) {

    public Metric metric() {
        return samples.metric();
    }

    public BaselineKey key() {
        return new BaselineKey(job, target, flinkVersion, samples.metric().name());
    }
}
