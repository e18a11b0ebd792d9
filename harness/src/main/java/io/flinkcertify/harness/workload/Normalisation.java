package io.flinkcertify.harness.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a job's output records may legitimately differ in between two runs (a processing timestamp, a host name, a
 * random id), declared in the manifest ({@code normalise:}) and applied to every committed record before two
 * outputs are compared as multisets. Nothing is normalised unless the manifest says so: a default that hid
 * differences would let a broken migration pass.
 *
 * @param format        how a record is read: {@code lines} (as is), {@code csv} (split on the delimiter) or
 *                      {@code json} (one object per line; key order never counts)
 * @param delimiter     the csv field separator
 * @param ignoreColumns csv columns replaced by {@code *}, 1-based as {@code cut -f} counts them
 * @param ignoreFields  json fields removed, top-level names or dotted paths ({@code meta.host})
 * @param mask          a regular expression whose matches are replaced by {@code *} (after columns and fields)
 * @param recordKey     what identifies a record, read in the format (csv: a column number from 1; json: a field
 *                      or dotted path; lines: null, the whole record); null when the job declares none
 */
public record Normalisation(Format format, String delimiter, List<Integer> ignoreColumns, List<String> ignoreFields,
                            Pattern mask, String recordKey) {

    public enum Format {
        LINES, CSV, JSON;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Records compared exactly as committed. */
    public static final Normalisation NONE = new Normalisation(Format.LINES, ",", List.of(), List.of(), null, null);

    /** As declared, without a record key. */
    public Normalisation(Format format, String delimiter, List<Integer> ignoreColumns, List<String> ignoreFields,
                         Pattern mask) {
        this(format, delimiter, ignoreColumns, ignoreFields, mask, null);
    }

    /** Sorted keys: two runs writing the same object with fields in another order write the same record. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public Normalisation {
        ignoreColumns = List.copyOf(ignoreColumns);
        ignoreFields = List.copyOf(ignoreFields);
        if (ignoreColumns.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("columns count from 1");
        }
    }

    public boolean none() {
        return format == Format.LINES && mask == null;
    }

    /** The record as it is compared. A json line that does not parse is compared as written (and so differs). */
    public String apply(String record) {
        String r = switch (format) {
            case LINES -> record;
            case CSV -> csv(record);
            case JSON -> json(record);
        };
        return mask == null ? r : mask.matcher(r).replaceAll("*");
    }

    /**
     * The record's key as the job declared it, read from the record as committed (before normalisation: a key is
     * what identifies the record, not what may vary); empty when the record has no such column or field.
     */
    public java.util.Optional<String> key(String record) {
        if (recordKey == null) {
            return java.util.Optional.empty();
        }
        switch (format) {
            case CSV -> {
                String[] fields = record.split(Pattern.quote(delimiter), -1);
                int column = Integer.parseInt(recordKey);
                return column <= fields.length ? java.util.Optional.of(fields[column - 1]) : java.util.Optional.empty();
            }
            case JSON -> {
                try {
                    JsonNode node = JSON.readTree(record);
                    for (String part : recordKey.split("\\.")) {
                        node = node == null ? null : node.get(part);
                    }
                    return node == null || node.isNull() ? java.util.Optional.empty() : java.util.Optional.of(node.toString());
                } catch (JsonProcessingException e) {
                    return java.util.Optional.empty();
                }
            }
            default -> {
                return java.util.Optional.of(record);
            }
        }
    }

    private String csv(String record) {
        if (ignoreColumns.isEmpty()) {
            return record;
        }
        String[] fields = record.split(Pattern.quote(delimiter), -1);
        for (int column : ignoreColumns) {
            if (column <= fields.length) {
                fields[column - 1] = "*";
            }
        }
        return String.join(delimiter, fields);
    }

    private String json(String record) {
        try {
            JsonNode node = JSON.readTree(record);
            if (node instanceof ObjectNode object) {
                ignoreFields.forEach(path -> remove(object, path));
            }
            // through a map so nested objects are key-sorted too
            return JSON.writeValueAsString(JSON.convertValue(node, Object.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return record;
        }
    }

    private static void remove(ObjectNode object, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            object.remove(path);
        } else if (object.get(path.substring(0, dot)) instanceof ObjectNode inner) {
            remove(inner, path.substring(dot + 1));
        }
    }

    /** One line for evidence and reports: what was done to every record before the comparison. */
    public String describe() {
        if (none()) {
            return "none (records compared as committed)";
        }
        List<String> parts = new ArrayList<>();
        parts.add(format == Format.CSV ? "csv split on '" + delimiter + "'" : format.label());
        if (!ignoreColumns.isEmpty()) {
            parts.add("column(s) " + ignoreColumns + " ignored");
        }
        if (!ignoreFields.isEmpty()) {
            parts.add("field(s) " + ignoreFields + " ignored");
        }
        if (format == Format.JSON) {
            parts.add("keys sorted");
        }
        if (mask != null) {
            parts.add("matches of /" + mask.pattern() + "/ masked");
        }
        return String.join(", ", parts);
    }
}
