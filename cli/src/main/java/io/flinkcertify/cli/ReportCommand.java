package io.flinkcertify.cli;

import io.flinkcertify.harness.secrets.Redaction;
import io.flinkcertify.reports.ReportGenerator;
import io.flinkcertify.reports.TerminalSummary;
import io.flinkcertify.reports.allure.AllureExtras;
import io.flinkcertify.reports.allure.AllureHtml;
import io.flinkcertify.reports.input.ReportInputException;
import io.flinkcertify.reports.input.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/certify report OUT}: writes report.html (and Allure's categories and environment) again from an earlier
 * run's files alone; starts nothing. The same step ends every run.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate OUT/report.html and Allure's categories/environment from an earlier run's files; starts nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "2:bad input (OUT is not a finished run)"})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT", description = "The output directory of an earlier run.")
    Path out;

    @Option(names = "--allure-html", description = "Also generate Allure's HTML into OUT/allure-report with Allure's "
            + "command line (allure, or npx allure-commandline, which may download it), keeping its trend history.")
    boolean allureHtml;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(out)) {
            throw new BadInput("OUT", out + " is not a directory", "pass the --out directory of an earlier bin/certify run");
        }
        try {
            spec.commandLine().getOut().print(writeReports(out));
            if (allureHtml) {
                List<String> allure = AllureHtml.command().orElseThrow(() -> new BadInput("--allure-html",
                        "neither allure nor npx is on PATH", "install Node.js (npm, npx) or 'npm install -g allure-commandline'"));
                spec.commandLine().getOut().println("allure: " + AllureHtml.generate(out, allure));
            }
        } catch (ReportInputException e) {
            throw new BadInput("OUT", e.getMessage(), "pass the --out directory of a finished bin/certify run");
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.PASS;
    }

    /**
     * Writes the reports made from OUT's files and returns the short summary that names them. A report that cannot
     * be written does not change a run's verdict: the summary then says why it is missing.
     */
    static String writeReports(Path out) {
        AllureExtras.write(out.resolve("allure-results"), RunFiles.readVerdict(out));
        Path report;
        try {
            report = new ReportGenerator().generate(out);
        } catch (RuntimeException e) {
            if (e instanceof ReportInputException) {
                throw e;
            }
            return TerminalSummary.render(RunFiles.readVerdict(out), Path.of("(not written: "
                    + Redaction.apply(String.valueOf(e.getMessage())) + ")"));
        }
        return TerminalSummary.render(RunFiles.readVerdict(out), report);
    }
}
