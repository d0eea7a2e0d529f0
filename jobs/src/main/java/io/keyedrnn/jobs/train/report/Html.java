package io.keyedrnn.jobs.train.report;

import java.util.List;

/** Small helpers for writing well-formed XHTML by hand. */
public final class Html {
    private Html() {}

    /** Escapes text for element content and attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A table of rows; the first row is the header. */
    public static String table(List<List<String>> rows) {
        return table(rows, true);
    }

    /** A table of name and value rows, without a header row: the names head their rows. */
    public static String pairs(List<List<String>> rows) {
        return table(rows, false);
    }

    private static String table(List<List<String>> rows, boolean header) {
        StringBuilder b = new StringBuilder("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            String cell = header && r == 0 ? "th" : "td";
            b.append("<tr>");
            for (String v : rows.get(r)) {
                b.append('<')
                        .append(cell)
                        .append('>')
                        .append(escape(v))
                        .append("</")
                        .append(cell)
                        .append('>');
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }
}
