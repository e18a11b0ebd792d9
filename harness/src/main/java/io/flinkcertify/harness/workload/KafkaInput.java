package io.flinkcertify.harness.workload;

import java.nio.file.Path;

/**
 * An input topic the harness creates and fills before a job that reads it starts (manifest {@code inputs:}), from
 * a file of records (one per line: JSON lines or CSV as the job reads them) or from the keyed-sequence generator.
 * Input topics are the job's source of truth, so they are loaded once per broker and never written again: every run
 * of the certification, on every target, reads the same records.
 *
 * @param file     records, one per non-blank line, the n-th to partition n mod partitions (null when generated)
 * @param generate per-key sequences {@code k<i % keys>,<i / keys>} for i below {@code records}, each key in one
 *                 partition in order (null when read from a file)
 */
public record KafkaInput(String topic, int partitions, Path file, Generated generate) {

    /** The keyed-sequence generator: the same records the keyed-sequence workload makes itself. */
    public record Generated(int keys, long records) {}

    /** What the declaration is, for messages and the record. */
    public String describe() {
        return topic + " (" + partitions + " partition" + (partitions == 1 ? "" : "s") + ", "
                + (file != null ? "from " + file.getFileName() : generate.records() + " keyed-sequence records over "
                + generate.keys() + " keys") + ")";
    }
}
