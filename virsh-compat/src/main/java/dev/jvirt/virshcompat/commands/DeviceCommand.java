package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Option;

/** A device change of a domain, with virsh's --live, --config, --persistent, --current (none given: --current). */
public abstract class DeviceCommand extends DomainCommand {
    @Option(names = "--live", description = "Affect the running domain.") boolean live;
    @Option(names = "--config", description = "Affect the domain's stored definition (from its next start).") boolean config;
    @Option(names = "--persistent", description = "Affect both the running domain and its stored definition.") boolean persistent;
    @Option(names = "--current", description = "Affect the running domain if it runs, else its stored definition (the default).") boolean current;

    /** {live, config}, each null for --current. */
    protected Boolean[] scope() {
        if (current && (live || config || persistent)) {
            throw new UsageException("Options --current and --live/--config/--persistent are mutually exclusive");
        }
        if (!live && !config && !persistent) {
            return new Boolean[] {null, null};
        }
        return new Boolean[] {live || persistent, config || persistent};
    }
}
