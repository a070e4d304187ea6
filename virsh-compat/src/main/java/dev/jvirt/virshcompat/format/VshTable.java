package dev.jvirt.virshcompat.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as virsh prints one (libvirt's vshtable.c): a leading space, every cell but the last
 * padded to its column's width, three spaces between columns, and under the header a line of
 * dashes as long as the sum of (column width + 3).
 */
public final class VshTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    private VshTable(String[] header) {
        this.header = header;
    }

    public static VshTable withHeader(String... header) {
        return new VshTable(header.clone());
    }

    /** Adds a row; a null cell prints as "-", as virsh does for missing values. */
    public VshTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.length + " columns");
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null ? "-" : cells[i];
        }
        rows.add(copy);
        return this;
    }

    /** The table, each line ending in a newline. */
    public String render() {
        int[] widths = new int[header.length];
        measure(header, widths);
        for (String[] row : rows) {
            measure(row, widths);
        }
        StringBuilder sb = new StringBuilder(64 * (rows.size() + 2));
        line(sb, header, widths);
        for (int width : widths) {
            sb.append("-".repeat(width + 3));
        }
        sb.append('\n');
        for (String[] row : rows) {
            line(sb, row, widths);
        }
        return sb.toString();
    }

    private static void measure(String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], width(cells[i]));
        }
    }

    private static void line(StringBuilder sb, String[] cells, int[] widths) {
        sb.append(' ');
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(widths[i] - width(cells[i]) + 3));
            }
        }
        sb.append('\n');
    }

    /** Display width: one column per code point (domain names are mostly ASCII). */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
