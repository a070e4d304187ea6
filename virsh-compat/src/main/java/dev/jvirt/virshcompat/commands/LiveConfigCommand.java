package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Option;

/** A domain command with virsh's --live, --config and --current (none given: --current), as setmem has them. */
public abstract class LiveConfigCommand extends DomainCommand {
    @Option(names = "--live", description = "Affect the running domain.") boolean live;
    @Option(names = "--config", description = "Affect the domain's stored definition (from its next start).") boolean config;
    @Option(names = "--current", description = "Affect the running domain if it runs, else its stored definition (the default).") boolean current;

    /** {live, config}, both null for --current. */
    protected Boolean[] scope() {
        if (current && (live || config)) {
            throw new UsageException("Options --current and --" + (live ? "live" : "config") + " are mutually exclusive");
        }
        if (!live && !config) {
            return new Boolean[] {null, null};
        }
        return new Boolean[] {live, config};
    }
}
