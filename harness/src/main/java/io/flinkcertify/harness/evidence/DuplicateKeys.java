package io.flinkcertify.harness.evidence;

import java.util.List;

/**
 * An unbounded job's committed output read by its declared record key: a key committed more than once is a record
 * the job delivered twice (a replay after a fault that the sink did not make idempotent).
 *
 * @param firstDuplicated the first keys committed more than once, each with its count and the files it is in
 * @param withoutKey      records in which the key's column or field was missing (not judged)
 */
public record DuplicateKeys(String recordKey, long records, long distinctKeys, long duplicatedKeys,
                            List<String> firstDuplicated, long withoutKey) implements Evidence {

    public DuplicateKeys {
        firstDuplicated = List.copyOf(firstDuplicated);
    }

    @Override
    public String headline() {
        return "records=" + records + " distinctKeys=" + distinctKeys + " duplicatedKeys=" + duplicatedKeys;
    }
}
