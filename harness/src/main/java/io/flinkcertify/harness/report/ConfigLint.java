package io.flinkcertify.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinkcertify.harness.run.CheckStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The config lint of one job: for every setting the fault suite compared (tuned vs default, {@code ab:} checks),
 * whether the job's value left it fragile under the fault that setting is for. Each entry is one measured
 * comparison and names the check whose evidence holds both sides; a setting nobody measured gets no entry.
 */
public final class ConfigLint {

    static final String AB_PREFIX = "ab:";

    /**
     * @param lint    {@code fragile}, {@code holds} or {@code no-difference}
     * @param check   the check whose evidence has both measured sides
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String setting, String jobValue, String otherValue, String target, String lint, String finding,
                        String check) {}

    /** The entries the job's measured A/B checks support, fragile ones first. */
    public static List<Entry> of(List<Verdict.Check> checks) {
        List<Entry> entries = new ArrayList<>();
        for (Verdict.Check c : checks) {
            Map<String, Object> e = c.evidence();
            if (!c.name().startsWith(AB_PREFIX) || c.status() == CheckStatus.SKIPPED || e == null || !e.containsKey("lint")) {
                continue;
            }
            entries.add(new Entry(c.name().substring(AB_PREFIX.length()), String.valueOf(e.get("jobValue")),
                    String.valueOf(e.get("otherValue")), c.target(), String.valueOf(e.get("lint")),
                    String.valueOf(e.get("finding")), c.suite() + "/" + c.name() + " @ " + c.target()));
        }
        entries.sort(java.util.Comparator.comparing((Entry x) -> !"fragile".equals(x.lint())));
        return entries;
    }

    private ConfigLint() {}
}
