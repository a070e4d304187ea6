package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Tuning;
import dev.jvirt.virshcompat.client.JvirshException;
import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh vcpucount DOMAIN}: the domain's maximum and current vCPU counts, stored and live, as virsh prints them. */
@Command(name = "vcpucount", mixinStandardHelpOptions = true,
        description = {"Show a domain's vCPU counts: the maximum and the current, of its stored definition (config) "
                + "and, while it runs, of the guest (live)."})
public final class VcpuCountCommand extends LiveConfigCommand {
    @Option(names = "--maximum", description = "Only the maximum counts.") boolean maximum;
    @Option(names = "--active", description = "Only the current counts.") boolean active;

    @Override
    protected void execute() {
        if (maximum && active) {
            throw new UsageException("Options --maximum and --active are mutually exclusive");
        }
        if (current && (live || config)) {
            throw new UsageException("Options --current and --" + (live ? "live" : "config") + " are mutually exclusive");
        }
        Tuning.VcpuCount c = client().tuning().vcpuCount(name());
        boolean running = c.maximumLive() != null;
        if (live && !running) {
            throw new JvirshException("Requested operation is not valid: domain is not running");
        }
        boolean showConfig = config || (!live && (!current || !running));
        boolean showLive = live || (!config && running);
        if (!active) {
            row("maximum", "config", c.maximumConfig(), showConfig);
            row("maximum", "live", c.maximumLive(), showLive);
        }
        if (!maximum) {
            row("current", "config", c.currentConfig(), showConfig);
            row("current", "live", c.currentLive(), showLive);
        }
    }

    private void row(String what, String where, Integer n, boolean shown) {
        if (shown && n != null) {
            out().printf("%-12s %-12s %3d%n", what, where, n);
        }
    }
}
