package dev.jvirt.domainxml;

/**
 * One semantic problem found by a validator.
 *
 * @param kind what sort of rule was broken
 * @param path element path such as {@code /domain/devices/interface[2]/mac}
 * @param line 1-based line in the source text, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message what is wrong, for a person
 */
public record Violation(ViolationKind kind, String path, int line, int column, String message) {

    /** The violation as a one-line message, prefixed with {@code sourceName} when given. */
    public String describe(String sourceName) {
        return DefinitionException.format(sourceName, line, column, path, message, null);
    }

    /** Returns a copy placed at the given source position. */
    public Violation at(int newLine, int newColumn) {
        return new Violation(kind, path, newLine, newColumn, message);
    }
}
