package io.flinkcertify.harness.gate;

import io.flinkcertify.harness.probe.JobManagerLog;
import io.flinkcertify.harness.run.CheckResult;
import io.flinkcertify.harness.run.CheckStatus;
import io.flinkcertify.harness.secrets.Redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rules that name the probable cause of a failed check from its reason and the JobManager's log lines (or
 * Kubernetes / YARN event lines, given the same way): lost leadership, a TaskManager killed or out of memory,
 * checkpoints declined or expired, checkpoint storage failing, a restart loop (with the first exception),
 * the job's Kafka clients failing, API-server conflicts or timeouts. A rule fires on any line matching one of its patterns and cites at most
 * {@value #CITED} of them.
 */
public final class DiagnosisRules {

    static final int CITED = 3;
    private static final int LINE_LIMIT = 240;
    private static final int RESTART_LOOP = 3;

    private record Rule(String name, String cause, List<Pattern> patterns) {}

    private static final List<Rule> RULES = List.of(
            new Rule("lost-leadership", "the JobManager lost leadership (ZooKeeper connection SUSPENDED/LOST or a "
                    + "Kubernetes lease not renewed), so the job was suspended and restarted",
                    List.of(JobManagerLog.ZOOKEEPER.get("suspended"), JobManagerLog.ZOOKEEPER.get("lost"),
                            JobManagerLog.ZOOKEEPER.get("leadershipRevoked"), JobManagerLog.KUBERNETES.get("leaseRenewFailures"))),
            new Rule("taskmanager-lost", "a TaskManager was killed, ran out of memory or stopped answering heartbeats",
                    List.of(Pattern.compile("OutOfMemoryError|OOMKilled|exit code 137|Container killed|killed by signal 9", Pattern.CASE_INSENSITIVE),
                            Pattern.compile("TaskManager .*(lost|disconnected|no longer reachable)|Heartbeat of TaskManager .* timed out|"
                                    + "The TaskExecutor .* is shutting down|Closing TaskExecutor connection", Pattern.CASE_INSENSITIVE))),
            new Rule("checkpoint-storage", "checkpoint storage failed (write errors, space, permissions)",
                    List.of(Pattern.compile("(IOException|FileNotFoundException|AccessDeniedException|No space left).*(checkpoint|chk-|savepoint)"
                            + "|(checkpoint|chk-|savepoint).*(IOException|FileNotFoundException|AccessDeniedException|No space left)", Pattern.CASE_INSENSITIVE))),
            new Rule("checkpoint-expired-or-declined", "checkpoints were declined or expired before completing "
                    + "(timeout, back-pressure or slow storage)",
                    List.of(Pattern.compile("Checkpoint .* expired before completing|Declin(e|ed|ing) checkpoint|"
                            + "checkpoint.*(declined|timed out|timeout)|Exceeded checkpoint tolerable failure", Pattern.CASE_INSENSITIVE),
                            Pattern.compile("back-?pressure", Pattern.CASE_INSENSITIVE))),
            new Rule("kafka", "the job's Kafka clients failed (broker unreachable or slow, a producer fenced, a "
                    + "transaction aborted or timed out)",
                    List.of(Pattern.compile("org\\.apache\\.kafka\\.common\\.errors\\.(Timeout|Network|ProducerFenced|InvalidTxnState"
                            + "|InvalidProducerEpoch|TransactionAborted|Disconnect)\\w*|Failed to send data to Kafka"))),
            new Rule("api-server", "the Kubernetes API server answered with conflicts or timed out",
                    List.of(JobManagerLog.KUBERNETES.get("conflicts409"),
                            Pattern.compile("KubernetesClientException.*(timeout|timed out)|SocketTimeoutException.*(kubernetes|api)", Pattern.CASE_INSENSITIVE))));

    private static final Pattern RESTARTING = Pattern.compile("switched from state \\w+ to RESTARTING|switched from RUNNING to FAILED|"
            + "Restarting job|switched from state RUNNING to FAILING", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXCEPTION = Pattern.compile("\\b[\\w.$]+(Exception|Error)\\b");

    private DiagnosisRules() {}

    /** @param logLines the JobManager log lines around the check (empty when there is no log) */
    public static Diagnosis diagnose(CheckResult check, List<String> logLines) {
        if (check.status() != CheckStatus.FAILED) {
            throw new IllegalArgumentException("only a failed check is diagnosed: " + check.name() + " " + check.status());
        }
        List<String> lines = Stream.concat(Stream.of("check: " + check.reason()), logLines.stream()).toList();
        List<Diagnosis.Cause> causes = new ArrayList<>();
        restartLoop(logLines).ifPresent(causes::add);
        for (Rule rule : RULES) {
            List<String> matched = lines.stream().filter(l -> rule.patterns().stream().anyMatch(p -> p.matcher(l).find()))
                    .limit(CITED).map(DiagnosisRules::cite).toList();
            if (!matched.isEmpty()) {
                causes.add(new Diagnosis.Cause(rule.name(), rule.cause(), matched));
            }
        }
        String where = check.suite() + "/" + check.name() + " @ " + check.target();
        String summary = causes.isEmpty()
                ? Diagnosis.NO_RULE_MATCHED + " (" + logLines.size() + " log line(s) and the check's reason looked at)"
                : "probable cause: " + causes.get(0).probableCause();
        return new Diagnosis(where, causes, summary);
    }

    /** Restarted {@value #RESTART_LOOP} times or more: a loop, and its first exception is the one to read. */
    private static java.util.Optional<Diagnosis.Cause> restartLoop(List<String> logLines) {
        List<Integer> restarts = new ArrayList<>();
        for (int i = 0; i < logLines.size(); i++) {
            if (RESTARTING.matcher(logLines.get(i)).find()) {
                restarts.add(i);
            }
        }
        if (restarts.size() < RESTART_LOOP) {
            return java.util.Optional.empty();
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(cite(logLines.get(restarts.get(0))));
        logLines.stream().filter(l -> EXCEPTION.matcher(l).find()).findFirst()
                .ifPresent(first -> evidence.add("first exception: " + cite(first)));
        return java.util.Optional.of(new Diagnosis.Cause("restart-loop", "the job restarted " + restarts.size()
                + " times: a restart loop; the first exception logged is the likely trigger", evidence));
    }

    private static String cite(String line) {
        String masked = Redaction.apply(line.strip());
        return masked.length() <= LINE_LIMIT ? masked : masked.substring(0, LINE_LIMIT) + " ...";
    }
}
