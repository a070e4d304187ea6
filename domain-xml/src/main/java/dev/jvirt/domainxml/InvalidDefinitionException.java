package dev.jvirt.domainxml;

import java.util.List;

/** A definition parsed but broke semantic rules; carries every {@link Violation} found. */
public class InvalidDefinitionException extends DefinitionException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** @param violations at least one violation; the first one gives the message */
    public InvalidDefinitionException(String sourceName, List<Violation> violations) {
        super(
                sourceName,
                violations.get(0).line(),
                violations.get(0).column(),
                violations.get(0).path(),
                violations.get(0).message()
                        + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problems)" : ""),
                null);
        this.violations = List.copyOf(violations);
    }

    /** Every violation, in document order of the checks. */
    public List<Violation> violations() {
        return violations;
    }
}
