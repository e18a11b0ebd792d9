package io.flinkcertify.cli;

import io.flinkcertify.harness.metric.BaselineFile;
import io.flinkcertify.harness.metric.BaselineRun;
import io.flinkcertify.harness.metric.BaselineStore;
import io.flinkcertify.harness.metric.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bin/certify baseline DIR}: lists the baseline files in DIR and shows each run's figures. Starts nothing. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "List the baseline files under DIR (job x target x Flink version x metric) and show each run.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:bad input (no such directory, a file that is not a baseline)"})
final class BaselineCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A baseline directory (--baseline of bin/certify).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BaselineStore.Listed> files = BaselineStore.open(dir, false).list();
        for (BaselineStore.Listed listed : files) {
            BaselineFile f = listed.content();
            out.printf("%s: %s @ %s, Flink %s, %s (%s, %s), %d run(s)%n", listed.path(), f.job(), f.target(),
                    f.flinkVersion(), f.metric(), f.unit(), f.direction(), f.runs().size());
            for (BaselineRun r : f.runs()) {
                Summary s = Summary.of(r.samples());
                out.printf(Locale.ROOT, "  %s %s  n %d  median %.6g  [%.6g, %.6g]  cv %.1f %%  jar %s  config %s%n",
                        r.time(), r.runId(), s.n(), s.median(), s.min(), s.max(), 100 * s.cv(),
                        abbreviate(r.jobJarSha256()), abbreviate(r.flinkConfigHash()));
            }
        }
        out.printf("baseline: %d file(s) in %s%n", files.size(), dir);
        out.flush();
        return ExitCodes.PASS;
    }

    private static String abbreviate(String hash) {
        return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
    }
}
