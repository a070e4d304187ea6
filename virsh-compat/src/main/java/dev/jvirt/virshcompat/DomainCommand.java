package dev.jvirt.virshcompat;

import picocli.CommandLine.Parameters;

/** A command about one domain, given by name, id or UUID as its first argument. */
public abstract class DomainCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<domain>", description = "The domain: its name, id or UUID.")
    protected String domain;

    private String resolved;

    @Override
    protected String domainArgument() {
        return domain;
    }

    /** The domain as the daemon knows it (an id resolved to its name once). */
    protected String name() {
        if (resolved == null) {
            resolved = resolve(domain);
        }
        return resolved;
    }
}
