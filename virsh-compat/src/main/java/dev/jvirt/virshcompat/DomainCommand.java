package dev.jvirt.virshcompat;

import picocli.CommandLine.Parameters;

/** A command about one domain, given by name, id or UUID as its first argument. */
public abstract class DomainCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<domain>", description = "The domain: its name, id or UUID.")
    protected String domain;

    @Override
    protected String domainArgument() {
        return domain;
    }

    /**
     * Which domains completion offers for this command, as virsh's completer flags do: "active",
     * "inactive", "running", "paused", or null for every domain.
     */
    public String completesDomains() {
        return null;
    }

    /** The domain as the daemon is asked for it: as given (jvirtd resolves a name, UUID or id itself). */
    protected String name() {
        return domain;
    }
}
