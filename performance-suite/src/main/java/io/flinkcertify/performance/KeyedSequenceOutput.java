package io.flinkcertify.performance;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Committed output in the keyed-sequence convention ({@code key,seq,count}), as the reference workload's FileSink
 * leaves it: records spread over part files, each key's values in order within a file. Benchmark input for the
 * oracles; {@code reversedParts} writes the same multiset with the parts in the other order, as another target
 * would.
 */
final class KeyedSequenceOutput {

    static final int KEYS = 8;
    static final int PARTS = 4;

    static Path write(Path dir, long records, boolean reversedParts) {
        try {
            Files.createDirectories(dir);
            BufferedWriter[] parts = new BufferedWriter[PARTS];
            for (int p = 0; p < PARTS; p++) {
                int name = reversedParts ? PARTS - 1 - p : p;
                parts[p] = Files.newBufferedWriter(dir.resolve("part-bench-" + name), StandardCharsets.UTF_8);
            }
            for (long i = 0; i < records; i++) {
                long key = i % KEYS;
                long seq = i / KEYS;
                // a key's records go to one part, as a keyed sink subtask writes them
                parts[(int) (key % PARTS)].append('k').append(Long.toString(key)).append(',')
                        .append(Long.toString(seq)).append(',').append(Long.toString(seq + 1)).append('\n');
            }
            for (BufferedWriter w : parts) {
                w.close();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark output to " + dir, e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeyedSequenceOutput() {}
}
