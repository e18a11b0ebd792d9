package io.flinkcertify.cli;

import io.flinkcertify.harness.metric.Calibration;
import io.flinkcertify.harness.metric.ChangeDetector;
import io.flinkcertify.harness.metric.DetectorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code bin/certify calibrate}: how often the change detector flags a simulated 10 % throughput drop, and how
 * often it flags no change, at a given noise and number of trials. Seeded; starts nothing.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Simulate a 10 %% throughput drop and no change (seeded) and print the change detector's "
                + "detection and false-alarm rates; starts nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the goal (>= 95 %% detection, <= 5 %% false alarms) is met at --trials",
                "1:it is not (the output says what it takes)", "2:bad input (flags)"})
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--trials", paramLabel = "N", description = "Trials per run, this run and each baseline run. Default: ${DEFAULT-VALUE}.")
    int trials = Calibration.DEFAULT_TRIALS;

    @Option(names = "--cv", paramLabel = "X", description = "Noise: coefficient of variation of one trial, e.g. 0.05 "
            + "for 5 %% (use the spread the performance suite measured on this machine). Default: ${DEFAULT-VALUE}.")
    double cv = Calibration.DEFAULT_CV;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the simulation. Default: ${DEFAULT-VALUE}.")
    long seed = Calibration.DEFAULT_SEED;

    @Option(names = "--simulations", paramLabel = "N", description = "Simulations per case. Default: ${DEFAULT-VALUE}.")
    int simulations = Calibration.DEFAULT_SIMULATIONS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (trials < 2 || trials > 1000) {
            throw new BadInput("--trials", trials + " is outside 2 to 1000", "give the trials per run, e.g. 5");
        }
        if (!(cv > 0 && cv < 1)) {
            throw new BadInput("--cv", cv + " is not a fraction between 0 and 1", "give e.g. 0.05 for 5 %");
        }
        if (simulations < 10) {
            throw new BadInput("--simulations", simulations + " is below 10", "give e.g. 1000");
        }
        Calibration calibration = new Calibration(new ChangeDetector(DetectorSettings.DEFAULTS));
        calibration.report(trials, cv, seed, simulations).forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        DetectorSettings s = DetectorSettings.DEFAULTS;
        return calibration.run(new Calibration.Setup(trials, cv, seed, simulations, s.baselineRuns())).meetsGoal()
                ? ExitCodes.PASS : ExitCodes.VERDICT_FAIL;
    }
}
