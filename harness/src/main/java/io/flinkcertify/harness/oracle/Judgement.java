package io.flinkcertify.harness.oracle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An oracle's answer: passed or not, why not (one line), and the measured facts it rests on.
 */
public record Judgement(boolean passed, String reason, Map<String, Object> evidence) {

    public Judgement {
        // insertion order kept: evidence reads in the order the oracle measured it
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static Judgement pass(Map<String, Object> evidence) {
        return new Judgement(true, null, evidence);
    }

    public static Judgement fail(String reason, Map<String, Object> evidence) {
        return new Judgement(false, reason, evidence);
    }

    /** This judgement with one more piece of evidence (context the caller knows, such as a schedule position). */
    public Judgement withEvidence(String key, Object value) {
        java.util.Map<String, Object> more = new java.util.LinkedHashMap<>(evidence);
        more.put(key, value);
        return new Judgement(passed, reason, more);
    }
}
