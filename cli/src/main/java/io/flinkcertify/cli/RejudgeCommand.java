package io.flinkcertify.cli;

import io.flinkcertify.harness.run.Rejudge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/certify rejudge OUT}: decides again, from the run records of an earlier run alone, every check an
 * oracle decided on one record, and says whether each agrees with what was decided then. Starts nothing.
 */
@Command(name = "rejudge", mixinStandardHelpOptions = true,
        description = "Re-judge an earlier run from its run records (OUT/runs/<job>/<target>/record.json); starts nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every re-judged check agrees with the run", "1:a re-judged check disagrees",
                "2:bad input (no run records under OUT)"})
final class RejudgeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT", description = "The output directory of an earlier run.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(out.resolve("runs"))) {
            throw new BadInput("OUT", out + " holds no run records (no runs/ folder)",
                    "pass the --out directory of an earlier bin/certify run");
        }
        List<Rejudge.Outcome> outcomes = new Rejudge().rejudge(out);
        outcomes.forEach(o -> spec.commandLine().getOut().println(o));
        long disagreeing = outcomes.stream().filter(o -> !o.agrees()).count();
        spec.commandLine().getOut().printf("rejudge: %d check(s) re-judged from %s, %d disagree%n", outcomes.size(),
                out.resolve("runs"), disagreeing);
        spec.commandLine().getOut().flush();
        return disagreeing == 0 ? ExitCodes.PASS : ExitCodes.VERDICT_FAIL;
    }
}
