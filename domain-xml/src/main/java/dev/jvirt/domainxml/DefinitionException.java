package dev.jvirt.domainxml;

/**
 * The one exception type of this module: a definition could not be read or is not valid.
 *
 * <p>The message is a single line a person can act on, for example
 * {@code domain.xml:12:7: /domain/devices/disk[2]/target: unknown attribute 'bux' (did you mean 'bus'?)}.
 * Each part is also available as a field.
 */
public class DefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;
    private final String suggestion;

    /**
     * @param sourceName file name or other label for the text, or null
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param path element path such as {@code /domain/devices/disk[2]/target}, or null
     * @param problem what is wrong
     * @param suggestion a nearby valid name, or null
     */
    public DefinitionException(
            String sourceName, int line, int column, String path, String problem, String suggestion) {
        this(sourceName, line, column, path, problem, suggestion, null);
    }

    /** Like {@link #DefinitionException(String, int, int, String, String, String)} with a cause. */
    public DefinitionException(
            String sourceName,
            int line,
            int column,
            String path,
            String problem,
            String suggestion,
            Throwable cause) {
        super(format(sourceName, line, column, path, problem, suggestion), cause);
        this.sourceName = sourceName;
        this.line = line;
        this.column = line > 0 ? Math.max(1, column) : column;
        this.path = path;
        this.problem = problem;
        this.suggestion = suggestion;
    }

    /** Formats the one-line message used by this exception and by {@link Violation}. */
    public static String format(
            String sourceName, int line, int column, String path, String problem, String suggestion) {
        StringBuilder sb = new StringBuilder();
        if (sourceName != null && !sourceName.isEmpty()) {
            sb.append(sourceName).append(':');
        }
        if (line > 0) {
            sb.append(line).append(':').append(Math.max(1, column)).append(':');
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(oneLine(problem));
        if (suggestion != null) {
            sb.append(" (did you mean '").append(suggestion).append("'?)");
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "invalid definition" : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** The file name or label given by the caller, or null. */
    public String sourceName() {
        return sourceName;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** Element path, or null when the problem is not tied to an element. */
    public String path() {
        return path;
    }

    /** What is wrong, without location. */
    public String problem() {
        return problem;
    }

    /** The nearest valid name for a misspelt one, or null. */
    public String suggestion() {
        return suggestion;
    }
}
