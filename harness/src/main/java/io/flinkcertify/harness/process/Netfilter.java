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
        try {
            Result r = run(List.of("iptables", "-w", "-S", "OUTPUT"));
            return r.exit == 0 ? Optional.empty() : Optional.of("iptables -S OUTPUT failed: " + r.output.strip());
        } catch (IllegalStateException e) {
            return Optional.of("iptables is not installed (scripts/setup installs it): " + e.getMessage());
        }
    }

    /** Creates {@code chain} with {@code rules} (each an iptables rule spec) and enters it from OUTPUT. */
    public static void install(String chain, String runId, List<List<String>> rules) {
        ProcessRegistry.defaultRegistry().recordChain(chain); // recorded before it exists: a reaper tolerates absence
        require(List.of("iptables", "-w", "-N", chain));
        for (List<String> rule : rules) {
            List<String> command = new ArrayList<>(List.of("iptables", "-w", "-A", chain));
            command.addAll(rule);
            require(command);
        }
        require(List.of("iptables", "-w", "-I", "OUTPUT", "-m", "comment", "--comment", "flink-certify " + runId, "-j", chain));
    }

    /** Packets that matched the rule at {@code position} (1-based) of {@code chain}. */
    public static long packets(String chain, int position) {
        Result r = run(List.of("iptables", "-w", "-L", chain, "-v", "-x", "-n", "--line-numbers"));
        for (String line : r.output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length > 2 && cols[0].equals(Integer.toString(position))) {
                return Long.parseLong(cols[1]);
            }
        }
        return -1;
    }

    /** Removes the jump to {@code chain} and the chain itself; absent pieces are fine (idempotent). */
    public static void remove(String chain) {
        if (!chain.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a chain of the harness: " + chain);
        }
        for (String rule : run(List.of("iptables", "-w", "-S", "OUTPUT")).output.split("\n")) {
            if (rule.startsWith("-A OUTPUT ") && rule.endsWith("-j " + chain)) {
                List<String> delete = new ArrayList<>(List.of("iptables", "-w", "-D", "OUTPUT"));
                delete.addAll(words(rule.substring("-A OUTPUT ".length())));
                require(delete);
            }
        }
        if (run(List.of("iptables", "-w", "-S", chain)).exit == 0) {
            require(List.of("iptables", "-w", "-F", chain));
            require(List.of("iptables", "-w", "-X", chain));
        }
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
