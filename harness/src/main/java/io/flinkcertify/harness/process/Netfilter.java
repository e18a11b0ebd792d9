package io.flinkcertify.harness.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The harness's iptables rules. Each fault gets a chain of its own, entered from OUTPUT by one jump rule that
 * carries the run id as a comment, so removing a fault is removing its chain, and a reaper can find the chains of
 * a dead run. Nothing outside chains named {@value #PREFIX}... is ever changed.
 */
public final class Netfilter {

    public static final String PREFIX = "FCP-";
    private static volatile Optional<String> unavailable;

    /** Why rules cannot be written here (not root, no iptables, no kernel support), or empty when they can. */
    public static Optional<String> unavailable() {
        Optional<String> known = unavailable;
        if (known == null) {
            known = probe();
            unavailable = known;
        }
        return known;
    }

    private static Optional<String> probe() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("writing iptables rules needs root (CAP_NET_ADMIN); the harness runs as "
                    + System.getProperty("user.name"));
        }
        String scratch = PREFIX + "probe-" + ProcessHandle.current().pid();
        try {
            // the matches a partition uses, tried on a chain nothing jumps to: a kernel without them says so here
            install(scratch, null, List.of(
                    List.of("-m", "cgroup", "--cgroup", "0x1", "-j", "CONNMARK", "--or-mark", "0x1"),
                    List.of("-m", "cgroup", "--cgroup", "0x1", "-m", "connmark", "--mark", "0x3/0x3", "-j", "DROP")));
            remove(scratch);
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage().startsWith("cannot run iptables")
                    ? "iptables is not installed (scripts/setup installs it)"
                    : "this kernel or iptables cannot match sockets by cgroup and connections by mark: " + e.getMessage());
        }
    }

    /**
     * Creates {@code chain} with {@code rules} (each an iptables rule spec) and, with a run id, enters it from OUTPUT.
     * All or nothing: a chain of that name that already exists is someone else's and is left alone; a later step
     * that fails removes what this call made.
     */
    public static void install(String chain, String runId, List<List<String>> rules) {
        require(command("-N", chain));
        ProcessRegistry.defaultRegistry().recordChain(chain);
        try {
            for (List<String> rule : rules) {
                List<String> append = command("-A", chain);
                append.addAll(rule);
                require(append);
            }
            if (runId != null) {
                require(command("-I", "OUTPUT", "-m", "comment", "--comment", "flink-certify " + runId, "-j", chain));
            }
        } catch (RuntimeException e) {
            try {
                remove(chain);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static List<String> command(String... args) {
        // -w 10: wait for the xtables lock a bounded time, never forever
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "10"));
        command.addAll(List.of(args));
        return command;
    }

    /** Packets that matched the rules at {@code positions} (1-based) of {@code chain}, summed. */
    public static long packets(String chain, List<Integer> positions) {
        Result r = run(command("-L", chain, "-v", "-x", "-n", "--line-numbers"));
        long sum = 0;
        for (String line : r.output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length > 2 && cols[0].matches("\\d+") && positions.contains(Integer.parseInt(cols[0]))) {
                sum += Long.parseLong(cols[1]);
            }
        }
        return sum;
    }

    /** Removes the jump to {@code chain} and the chain itself; absent pieces are fine (idempotent). True if any existed. */
    public static boolean remove(String chain) {
        if (!chain.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a chain of the harness: " + chain);
        }
        boolean existed = false;
        for (String rule : run(command("-S", "OUTPUT")).output.split("\n")) {
            if (rule.startsWith("-A OUTPUT ") && rule.endsWith("-j " + chain)) {
                existed = true;
                List<String> delete = command("-D", "OUTPUT");
                delete.addAll(words(rule.substring("-A OUTPUT ".length())));
                require(delete);
            }
        }
        if (run(command("-S", chain)).exit == 0) {
            existed = true;
            require(command("-F", chain));
            require(command("-X", chain));
        }
        return existed;
    }

    /** iptables -S prints a comment in double quotes when it has spaces. */
    private static List<String> words(String spec) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : spec.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }

    private static void require(List<String> command) {
        Result r = run(command);
        if (r.exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.output.strip());
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    private Netfilter() {}
}
