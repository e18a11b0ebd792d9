package io.flinkcertify.harness.workload;

import java.util.List;

/**
 * What a job needs of the embedded Kafka broker: the input topics to load before it starts and the topic it commits
 * its output to (read back with {@code read_committed} as its committed output). A job that only names
 * {@code ${kafka.bootstrap}} in its arguments gets the broker and nothing else.
 *
 * @param outputTopic the topic behind {@code ${output.topic}}; each run writes its own copy of it (named after the
 *                    run's output), which the harness reads into the run's committed output; null when none
 */
public record KafkaUse(boolean broker, List<KafkaInput> inputs, String outputTopic) {

    public static final KafkaUse NONE = new KafkaUse(false, List.of(), null);

    public KafkaUse {
        inputs = List.copyOf(inputs);
    }
}
