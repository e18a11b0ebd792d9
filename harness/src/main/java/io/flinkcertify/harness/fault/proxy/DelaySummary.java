package io.flinkcertify.harness.fault.proxy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the proxy really added to the chunks of one flow, in milliseconds. Mean, min and max are exact; the
 * percentiles come from {@link DelayHistogram} and are within 0.05 % (1 µs below 2 ms).
 *
 * @param overflow chunks delayed beyond the histogram's range; they are in mean and max but push p50/p99 to max
 */
public record DelaySummary(long count, double meanMs, double minMs, double p50Ms, double p99Ms, double maxMs, long overflow) {

    public static final DelaySummary EMPTY = new DelaySummary(0, 0, 0, 0, 0, 0, 0);

    public Map<String, Object> toEvidence() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("meanMs", round(meanMs));
        m.put("minMs", round(minMs));
        m.put("p50Ms", round(p50Ms));
        m.put("p99Ms", round(p99Ms));
        m.put("maxMs", round(maxMs));
        if (overflow > 0) {
            m.put("overflow", overflow);
        }
        return m;
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    @Override
    public String toString() {
        return String.format("n=%d mean=%.3fms min=%.3fms p50=%.3fms p99=%.3fms max=%.3fms%s",
                count, meanMs, minMs, p50Ms, p99Ms, maxMs, overflow > 0 ? " overflow=" + overflow : "");
    }
}
