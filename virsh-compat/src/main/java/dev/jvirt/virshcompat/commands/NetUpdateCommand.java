package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Networks;
import dev.jvirt.virshcompat.NetworkCommand;
import dev.jvirt.virshcompat.client.UsageException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jvirsh net-update NETWORK COMMAND SECTION XML}: virsh's net-update; jvirtd updates the
 * {@code ip-dhcp-host} section (a running network's dnsmasq reloads its hosts). Commands and
 * sections virsh does not know are refused here, as virsh does.
 */
@Command(name = "net-update", mixinStandardHelpOptions = true,
        description = {"Update parts of an existing network's configuration: add, delete or modify a DHCP host "
                + "(section ip-dhcp-host) of a running network (--live: dnsmasq reloads its hosts), of its stored "
                + "definition (--config), or both. Without --live or --config: the running network if it is active, "
                + "else its stored definition."})
public final class NetUpdateCommand extends NetworkCommand {
    static final List<String> COMMANDS = List.of("add", "add-first", "add-last", "delete", "modify");
    static final List<String> SECTIONS = List.of("bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward",
            "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv");

    @Parameters(index = "1", paramLabel = "<command>", completionCandidates = Commands.class,
            description = "Type of update: add-first, add-last (add), delete, or modify.")
    String command;

    @Parameters(index = "2", paramLabel = "<section>", completionCandidates = Sections.class,
            description = "Which section of the network's configuration to update (jvirt updates ip-dhcp-host).")
    String section;

    @Parameters(index = "3", paramLabel = "<xml>", description = "The XML element itself (when it starts with '<'), "
            + "or the name of a file containing it: the host to add or modify, or to be matched to delete.")
    String xml;

    @Option(names = "--parent-index", paramLabel = "<number>", description = "Which <ip> of the network to work on (from 0).")
    Integer parentIndex;

    @Option(names = "--config", description = "Affect the network's next start (its stored definition).") boolean config;
    @Option(names = "--live", description = "Affect the running network.") boolean live;
    @Option(names = "--current", description = "Affect the current state of the network (the default).") boolean current;

    @Override
    protected void execute() throws Exception {
        for (String[] pair : new String[][] {{"--live", Boolean.toString(live)}, {"--config", Boolean.toString(config)}}) {
            if (current && Boolean.parseBoolean(pair[1])) {
                throw new UsageException("Options --current and " + pair[0] + " are mutually exclusive");
            }
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unrecognized command name '" + command + "'");
        }
        if (!SECTIONS.contains(section)) {
            throw new UsageException("unrecognized section name '" + section + "'");
        }
        String element = xml.stripLeading().startsWith("<") ? xml : XmlFile.read(xml);
        Networks.Summary after = networks().update(network, new Networks.Update(command, section,
                parentIndex == null ? -1 : parentIndex, element, live, config));
        String name = after.name();
        if (config && live) {
            info("Updated network " + name + " persistent config and live state");
        } else if (config || (!live && !after.active())) {
            info("Updated network " + name + " persistent config");
        } else {
            info("Updated network " + name + " live state");
        }
    }

    @Override
    protected boolean blankLine() {
        return false; // virsh prints the one line
    }

    @Override
    protected String failureContext() {
        return "Failed to update network " + network;
    }

    /** Completion of {@code <command>}. */
    static final class Commands extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Commands() {
            super(COMMANDS);
        }
    }

    /** Completion of {@code <section>}. */
    static final class Sections extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Sections() {
            super(SECTIONS);
        }
    }
}
