package io.flinkcertify.harness.workload;

import java.util.regex.Pattern;

/**
 * What of the user's input an error message may quote. A file passed as {@code --batch} by mistake may hold a token
 * or a key, and error lines end up in CI logs: only short, name-like text is quoted, everything else is described.
 */
final class Shown {

    /** Names, labels and short values: what a mistyped field or oracle looks like, not what a secret looks like. */
    private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._${}-]{0,31}");
    /** SnakeYAML quotes a character or a piece of the input; a single (escaped) character tells nothing secret. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final int LONGEST_QUOTED_PIECE = 8;

    /** {@code 'value'} if it is name-like, else a description without the value. */
    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        return NAME_LIKE.matcher(value).matches() ? "'" + value + "'" : "(" + value.length() + " characters, not shown)";
    }

    /** A field name for a field path: as written if name-like, else a placeholder. */
    static String fieldName(String name) {
        return name != null && NAME_LIKE.matcher(name).matches() ? name : "(name not shown)";
    }

    /** A parser's one-line message with any quoted piece of input longer than a character or two left out. */
    static String parserMessage(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("").trim();
        return QUOTED.matcher(line).replaceAll(m -> m.group(1).length() <= LONGEST_QUOTED_PIECE
                ? java.util.regex.Matcher.quoteReplacement(m.group()) : "'(not shown)'");
    }

    private Shown() {}
}
