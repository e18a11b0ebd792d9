package io.flinkcertify.harness.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The probable causes of one failed check, each citing the lines it matched; none is said as
 * {@value #NO_RULE_MATCHED}, never left blank.
 *
 * @param check  {@code suite/name @ target}
 * @param causes most specific first; empty when no rule matched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnosis(String check, List<Cause> causes, String summary) {

    public static final String NO_RULE_MATCHED = "no rule matched";

    /** @param evidence the lines the rule matched (the check's reason, log lines), masked and shortened */
    public record Cause(String rule, String probableCause, List<String> evidence) {}
}
