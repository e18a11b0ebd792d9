package io.flinkcertify.harness.plan;

import io.flinkcertify.harness.workload.Batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of N parts of a batch, so CI runners can certify it in parallel ({@code --shard I/N}). A job belongs to a
 * shard by a hash of its id alone (not its position in the manifest), so reordering the manifest or adding other
 * jobs never moves a job to another shard.
 *
 * @param index 1-based, 1..count
 * @param count how many shards the batch is split into, 1..{@link #MAX_COUNT}
 */
public record Shard(int index, int count) {

    /** More runners than this is a typo rather than a plan; it also bounds what merge must expect. */
    public static final int MAX_COUNT = 1000;

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the shard count must be 1 to " + MAX_COUNT + ", not " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("the shard index must be 1 to " + count + ", not " + index);
        }
    }

    /** Reads "I/N" (e.g. "2/3"); the message of a bad value says what is wrong with it. */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be I/N (shard I of N, e.g. 2/3), not '" + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether this shard certifies the job. */
    public boolean holds(String jobId) {
        return Math.floorMod(hash(jobId), count) + 1 == index;
    }

    /** The batch with only this shard's jobs, in manifest order. */
    public Batch select(Batch batch) {
        return new Batch(batch.name(), batch.manifest(), batch.jobs().stream().filter(j -> holds(j.id())).toList(),
                batch.zookeeperTick());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** The first 8 bytes of SHA-256 of the UTF-8 id: the same on every JVM and machine, unlike String.hashCode. */
    static long hash(String jobId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
