package io.flinkcertify.reports.html;

import io.flinkcertify.harness.secrets.Redaction;

/**
 * HTML text escaping: every figure and name in the report comes from files a run wrote, never trusted as markup.
 * Text passes the harness's {@link Redaction} first: the report is shared wider than the run's folder, and a
 * secret a section's writer missed must not reach it.
 */
public final class Html {

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        s = Redaction.apply(s);
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private Html() {}
}
