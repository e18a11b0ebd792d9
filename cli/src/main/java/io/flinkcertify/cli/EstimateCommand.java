package io.flinkcertify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.plan.ShardedDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/certify estimate OUT}: how long a batch of many jobs would take over 1, 10, 50 runners with
 * {@code --shard}, from what each job of an earlier run cost (the sum of its checks' durations). Starts nothing.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate a large batch's wall time over sharded runners from an earlier run's per-job cost; starts nothing.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the table was printed", "2:bad input"})
final class EstimateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT", description = "The output directory of an earlier run (its verdict.json).")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "Jobs in the batch to estimate. Default: ${DEFAULT-VALUE}.")
    int jobs = 1000;

    @Option(names = "--runners", paramLabel = "LIST", split = ",", description = "Runner counts to tabulate. Default: 1,10,50.")
    List<Integer> runners = List.of(1, 10, 50);

    @Option(names = "--runner-setup-s", paramLabel = "S", description = "Each runner's own setup before its first job (checkout, build, machine setup). Default: ${DEFAULT-VALUE}.")
    long runnerSetupSeconds = 120;

    @Option(names = "--merge-s", paramLabel = "S", description = "The final merge job. Default: ${DEFAULT-VALUE}.")
    long mergeSeconds = 60;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (jobs < 1) {
            throw new BadInput("--jobs", "must be at least 1, not " + jobs, "give the batch's size, e.g. --jobs 1000");
        }
        if (runnerSetupSeconds < 0 || mergeSeconds < 0) {
            throw new BadInput(runnerSetupSeconds < 0 ? "--runner-setup-s" : "--merge-s", "must not be negative", "give seconds, e.g. 120");
        }
        for (int r : runners) {
            if (r < 1 || r > io.flinkcertify.harness.plan.Shard.MAX_COUNT) {
                throw new BadInput("--runners", r + " is outside 1 to " + io.flinkcertify.harness.plan.Shard.MAX_COUNT,
                        "list runner counts, e.g. --runners 1,10,50");
            }
        }
        Path verdict = out.resolve("verdict.json");
        if (!Files.isRegularFile(verdict)) {
            throw new BadInput("OUT", out + " holds no verdict.json", "pass the --out directory of an earlier bin/certify run");
        }
        List<Long> costs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode job : new ObjectMapper().readTree(verdict.toFile()).path("jobs")) {
            long ms = 0;
            for (JsonNode check : job.path("checks")) {
                ms += check.path("durationMs").asLong(0);
            }
            if (ms > 0) {
                costs.add(ms);
                names.add(job.path("id").asText() + " " + ms / 1000 + " s");
            }
        }
        if (costs.isEmpty()) {
            throw new BadInput("OUT", verdict + " holds no job with measured checks", "pass the OUT of a run that certified jobs");
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("estimate: %d jobs costing like %s (the checks' durations in %s), %d s setup per runner, %d s merge%n",
                jobs, String.join(", ", names), verdict, runnerSetupSeconds, mergeSeconds);
        o.println("runners | slowest runner | perfect balance | imbalance");
        for (int r : runners) {
            ShardedDuration d = ShardedDuration.of(costs, jobs, r, runnerSetupSeconds * 1000, mergeSeconds * 1000);
            o.printf("%7d | %14s | %15s | %8.1f %%%n", r, hours(d.makespanMs()), hours(d.idealMs()), 100 * d.imbalance());
        }
        o.flush();
        return ExitCodes.PASS;
    }

    private static String hours(long ms) {
        return String.format("%.1f h", ms / 3_600_000.0);
    }
}
