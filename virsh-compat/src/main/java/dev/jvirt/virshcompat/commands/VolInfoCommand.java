package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.format.Capacities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh vol-info VOL}: virsh's layout, with jvirt's lines for a backing volume and an unfinished upload. */
@Command(name = "vol-info", mixinStandardHelpOptions = true, description = {"Show a volume's type, capacity and allocation."})
public final class VolInfoCommand extends VolCommand {

    @Option(names = "--bytes", description = "Show sizes in bytes.")
    boolean bytes;

    @Option(names = "--physical", description = "Show the physical size (what the image takes on the host) rather than the allocation.")
    boolean physical;

    @Override
    protected void execute() {
        Storage.Volume v = storage().volume(poolName(), volName());
        line("Name:", v.name());
        line("Type:", v.type());
        line("Capacity:", Capacities.info(v.capacity(), bytes));
        line(physical ? "Physical:" : "Allocation:", Capacities.info(v.allocation(), bytes));
        if (v.backingPath() != null) {
            line("Backing:", v.backingPath() + " (" + v.backingFormat() + ")");
        }
        if (v.incomplete()) {
            line("Incomplete:", "yes (an upload did not finish; guests may not use it)");
        }
    }

    private void line(String label, String value) {
        out().println(String.format("%-15s %s", label, value));
    }

    @Override
    protected String failureContext() {
        return "failed to get vol '" + vol + "'";
    }
}
