package io.keyedrnn.jobs.eval;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table of text cells, padded so it also reads well on a terminal. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public Table(String... header) {
        columns = header.length;
        rows.add(header);
    }

    /** Adds a row; it must have as many cells as the header. */
    public Table row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells, the header " + columns);
        }
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** The table as Markdown lines, each ending with a newline. */
    public String render() {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(Math.max(width[i], r[i].length()), 3);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, rows.get(0), width);
        String[] rule = new String[columns];
        for (int i = 0; i < columns; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        line(sb, rule, width);
        for (int k = 1; k < rows.size(); k++) {
            line(sb, rows.get(k), width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]);
            sb.append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        sb.append('\n');
    }

    /** A number with fixed decimals, locale-independent. */
    public static String fixed(double v, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }
}
