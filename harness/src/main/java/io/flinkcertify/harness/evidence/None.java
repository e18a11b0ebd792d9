package io.flinkcertify.harness.evidence;

import com.fasterxml.jackson.annotation.JsonAnyGetter;

import java.util.Map;

/** No measurement: serialised as an empty object, as checks without evidence always were. */
public record None() implements Evidence {

    static final None INSTANCE = new None();

    @Override
    public String headline() {
        return "";
    }

    // an any-getter lets Jackson write a record without properties as {} instead of refusing an empty bean
    @JsonAnyGetter
    Map<String, Object> nothing() {
        return Map.of();
    }
}
