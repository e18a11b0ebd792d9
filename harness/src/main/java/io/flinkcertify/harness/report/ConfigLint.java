package io.flinkcertify.harness.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flinkcertify.harness.run.CheckStatus;

import java.util.ArrayList;
import java.util.List;
import io.flinkcertify.harness.run.CheckResult;

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
    public static List<Entry> of(List<CheckResult> checks) {
        List<Entry> entries = new ArrayList<>();
        for (CheckResult c : checks) {
            if (!c.name().startsWith(AB_PREFIX) || c.status() == CheckStatus.SKIPPED || c.lint() == null) {
                continue;
            }
            String setting = c.name().substring(AB_PREFIX.length());
            entries.add(new Entry(setting, c.lint().jobValue(), c.lint().otherValue(), c.target(), c.lint().verdict(),
                    c.lint().finding(), c.suite() + "/" + c.name() + " @ " + c.target()));
        }
        entries.sort(java.util.Comparator.comparing((Entry x) -> !"fragile".equals(x.lint())));
        return entries;
    }

    private ConfigLint() {}
}
