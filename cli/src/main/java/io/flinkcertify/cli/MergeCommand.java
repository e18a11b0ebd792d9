package io.flinkcertify.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkcertify.harness.gate.Gate;
import io.flinkcertify.harness.gate.Policy;
import io.flinkcertify.harness.plan.Shard;
import io.flinkcertify.harness.process.RunId;
import io.flinkcertify.harness.report.Verdict;
import io.flinkcertify.harness.run.CheckLedger;
import io.flinkcertify.harness.run.CheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code bin/certify merge --out DIR SHARD_OUT...}: puts the OUTs of the runs of one batch's shards ({@code --shard
 * I/N}) together into DIR as if one run had certified the whole batch, and judges it again from the merged checks with
 * the default gate policy. Starts nothing.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the OUTs of the --shard runs of one batch into one run's OUT and judge it; starts nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:verdict PASS", "1:verdict FAIL", "2:bad input (the shard OUTs do not make one whole run)"})
final class MergeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged run is written: "
            + "new, empty, or one an earlier run or merge wrote.")
    Path out;

    @Option(names = "--force", description = "Write into a non-empty DIR the harness did not create, beside the "
            + "files there (never over them).")
    boolean force;

    @Parameters(paramLabel = "SHARD_OUT", arity = "1..*", description = "The --out of each shard run, all N of them.")
    List<Path> shardOuts = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** What merge reads of a shard's verdict.json. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShardVerdict(String batch, String flinkVersion, Long seed, String shard, List<JobEntry> jobs) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        record JobEntry(String id) {}
    }

    private record ShardRun(Path out, Shard shard, ShardVerdict verdict) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<ShardRun> shards = read();
        ShardRun first = shards.get(0);
        Path target = out.toAbsolutePath().normalize();
        for (ShardRun s : shards) {
            Path shardRoot = s.out().toAbsolutePath().normalize();
            if (target.startsWith(shardRoot) || shardRoot.startsWith(target)) {
                // preparing DIR deletes what the harness wrote there before: that would be the shard's own files
                throw new BadInput("--out", target + " overlaps shard OUT " + shardRoot,
                        "merge into a directory apart from the shards' OUTs");
            }
        }
        OutDirectory outDir = OutDirectory.inspect(out, force);
        Map<String, Path> files = RunOutMerge.plan(shards.stream().map(ShardRun::out).toList(), clash -> {
            // the shards' jobs are disjoint, so a clash means the OUTs are not what merge expects
            throw new BadInput("SHARD_OUT", clash.relative() + " is in both " + clash.first() + " and " + clash.second(),
                    "merge the OUTs of disjoint shards of one run");
        });
        String runId = RunId.current().value();
        outDir.prepare(runId);
        try {
            Path root = outDir.root();
            Map<Path, String> junitDirs = new LinkedHashMap<>();
            shards.forEach(s -> junitDirs.put(s.out(), "shard-" + s.shard().index()));
            RunOutMerge.take(root, files, junitDirs, false);
            List<CheckResult> results = new CheckLedger(root).read();
            List<String> jobIds = shards.stream().flatMap(s -> Optional.ofNullable(s.verdict().jobs())
                    .orElse(List.of()).stream().map(ShardVerdict.JobEntry::id)).toList();
            RunVerdict judged = RunVerdict.judge(new Gate(Policy.defaults(), Optional.empty(), false), root,
                    first.verdict().batch(), jobIds, results, List.of(), first.verdict().flinkVersion(),
                    first.verdict().seed(), runId);
            Verdict verdict = judged.verdict().mergedFrom(shards.size());
            RunVerdict.write(root, verdict);
            stdout.printf("merge: %d shard(s) of batch '%s', %d job(s), %d check(s) into %s%n", shards.size(),
                    verdict.batch(), jobIds.size(), results.size(), root);
            return RunVerdict.report(stdout, root, verdict, results);
        } finally {
            outDir.finish(runId);
            spec.commandLine().getOut().flush();
        }
    }

    /** Every shard's verdict.json, checked to be one whole set of shards of one run. */
    private List<ShardRun> read() {
        List<ShardRun> shards = new ArrayList<>();
        for (Path shardOut : shardOuts) {
            Path file = shardOut.resolve("verdict.json");
            if (!Files.isRegularFile(file)) {
                throw new BadInput("SHARD_OUT", shardOut + " has no verdict.json", "pass the --out of a finished --shard run");
            }
            ShardVerdict v;
            try {
                v = JSON.readValue(file.toFile(), ShardVerdict.class);
            } catch (IOException e) {
                throw new BadInput("SHARD_OUT", file + " is not a verdict this harness wrote", "pass the --out of a finished --shard run");
            }
            if (v.shard() == null) {
                throw new BadInput("SHARD_OUT", shardOut + " is not a shard run (its verdict.json has no shard)",
                        "pass only the OUTs of runs made with --shard I/N");
            }
            Shard shard;
            try {
                shard = Shard.parse(v.shard());
            } catch (IllegalArgumentException e) {
                throw new BadInput("SHARD_OUT", file + ": shard " + e.getMessage(), "pass the --out of a finished --shard run");
            }
            shards.add(new ShardRun(shardOut, shard, v));
        }
        ShardRun first = shards.get(0);
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (ShardRun s : shards) {
            same("batch", first, s, first.verdict().batch(), s.verdict().batch());
            same("flinkVersion", first, s, first.verdict().flinkVersion(), s.verdict().flinkVersion());
            same("seed", first, s, first.verdict().seed(), s.verdict().seed());
            same("shard count", first, s, first.shard().count(), s.shard().count());
            Path earlier = byIndex.putIfAbsent(s.shard().index(), s.out());
            if (earlier != null) {
                throw new BadInput("SHARD_OUT", "shard " + s.shard() + " is given twice: " + earlier + " and " + s.out(),
                        "pass each shard's OUT once");
            }
        }
        int count = first.shard().count();
        List<Integer> missing = IntStream.rangeClosed(1, count).filter(i -> !byIndex.containsKey(i)).boxed().toList();
        if (!missing.isEmpty()) {
            throw new BadInput("SHARD_OUT", "the set of " + count + " shards is incomplete: shard(s) " + missing
                    + " missing", "pass the OUTs of all " + count + " shard runs");
        }
        shards.sort(Comparator.comparingInt(s -> s.shard().index()));
        return shards;
    }

    private static void same(String field, ShardRun first, ShardRun other, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            throw new BadInput("SHARD_OUT", "shards of different runs: " + field + " is " + a + " in " + first.out()
                    + " but " + b + " in " + other.out(), "merge the shards of one run (same batch, Flink version, seed and N)");
        }
    }
}
