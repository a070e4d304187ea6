package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.commands.AutostartCommand;
import dev.jvirt.virshcompat.commands.CapabilitiesCommand;
import dev.jvirt.virshcompat.commands.CompleteDomainsCommand;
import dev.jvirt.virshcompat.commands.ConsoleCommand;
import dev.jvirt.virshcompat.commands.CreateCommand;
import dev.jvirt.virshcompat.commands.DefineCommand;
import dev.jvirt.virshcompat.commands.DestroyCommand;
import dev.jvirt.virshcompat.commands.DomBlkErrorCommand;
import dev.jvirt.virshcompat.commands.DomBlkInfoCommand;
import dev.jvirt.virshcompat.commands.DomBlkListCommand;
import dev.jvirt.virshcompat.commands.DomBlkStatCommand;
import dev.jvirt.virshcompat.commands.DomCapabilitiesCommand;
import dev.jvirt.virshcompat.commands.DomIdCommand;
import dev.jvirt.virshcompat.commands.DomIfListCommand;
import dev.jvirt.virshcompat.commands.DomIfStatCommand;
import dev.jvirt.virshcompat.commands.DomInfoCommand;
import dev.jvirt.virshcompat.commands.DomMemStatCommand;
import dev.jvirt.virshcompat.commands.DomNameCommand;
import dev.jvirt.virshcompat.commands.DomStateCommand;
import dev.jvirt.virshcompat.commands.DomStatsCommand;
import dev.jvirt.virshcompat.commands.DomUuidCommand;
import dev.jvirt.virshcompat.commands.DomXmlToNativeCommand;
import dev.jvirt.virshcompat.commands.DumpXmlCommand;
import dev.jvirt.virshcompat.commands.EditCommand;
import dev.jvirt.virshcompat.commands.EventCommand;
import dev.jvirt.virshcompat.commands.FreeCellCommand;
import dev.jvirt.virshcompat.commands.GuestExecCommand;
import dev.jvirt.virshcompat.commands.HostValidateCommand;
import dev.jvirt.virshcompat.commands.HostnameCommand;
import dev.jvirt.virshcompat.commands.ListCommand;
import dev.jvirt.virshcompat.commands.LxcCommand;
import dev.jvirt.virshcompat.commands.NestedLxdCommand;
import dev.jvirt.virshcompat.commands.NestedStatusCommand;
import dev.jvirt.virshcompat.commands.NodeInfoCommand;
import dev.jvirt.virshcompat.commands.NodeMemStatsCommand;
import dev.jvirt.virshcompat.commands.QemuMonitorCommand;
import dev.jvirt.virshcompat.commands.QemuMonitorEventCommand;
import dev.jvirt.virshcompat.commands.RebootCommand;
import dev.jvirt.virshcompat.commands.ResetCommand;
import dev.jvirt.virshcompat.commands.ResumeCommand;
import dev.jvirt.virshcompat.commands.ShutdownCommand;
import dev.jvirt.virshcompat.commands.StartCommand;
import dev.jvirt.virshcompat.commands.SuspendCommand;
import dev.jvirt.virshcompat.commands.TopCommand;
import dev.jvirt.virshcompat.commands.UndefineCommand;
import dev.jvirt.virshcompat.commands.UriCommand;
import dev.jvirt.virshcompat.commands.VersionCommand;
import picocli.CommandLine;

/**
 * Every jvirsh command by name, made on demand: a run builds only the command it was asked for
 * (a switch, not reflection or lambdas, to keep start-up short). The order is the order of --help.
 */
final class CommandRegistry {

    /** The public commands, in help order; hidden helpers follow. */
    static final String[] NAMES = {
        "list", "dominfo", "domstate", "domid", "domuuid", "domname",
        "define", "undefine", "create", "start", "shutdown", "destroy", "reboot", "reset", "suspend", "resume",
        "dumpxml", "edit", "autostart", "domblklist", "domiflist", "console", "event",
        "domstats", "dommemstat", "domblkstat", "domblkinfo", "domblkerror", "domifstat", "top",
        "domxml-to-native", "qemu-monitor-command", "qemu-monitor-event",
        "guest-exec", "lxc", "nested-status", "nested-lxd",
        "capabilities", "domcapabilities", "nodeinfo", "nodememstats", "freecell", "hostname", "uri", "version", "host-validate",
        CompleteDomainsCommand.NAME, BashCompletionCommand.NAME,
    };

    private CommandRegistry() {
    }

    static boolean exists(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    static Object create(String name) {
        switch (name) {
            case "list": return new ListCommand();
            case "dominfo": return new DomInfoCommand();
            case "domstate": return new DomStateCommand();
            case "domid": return new DomIdCommand();
            case "domuuid": return new DomUuidCommand();
            case "domname": return new DomNameCommand();
            case "define": return new DefineCommand();
            case "undefine": return new UndefineCommand();
            case "create": return new CreateCommand();
            case "start": return new StartCommand();
            case "shutdown": return new ShutdownCommand();
            case "destroy": return new DestroyCommand();
            case "reboot": return new RebootCommand();
            case "reset": return new ResetCommand();
            case "suspend": return new SuspendCommand();
            case "resume": return new ResumeCommand();
            case "dumpxml": return new DumpXmlCommand();
            case "edit": return new EditCommand();
            case "autostart": return new AutostartCommand();
            case "domblklist": return new DomBlkListCommand();
            case "domiflist": return new DomIfListCommand();
            case "console": return new ConsoleCommand();
            case "event": return new EventCommand();
            case "domxml-to-native": return new DomXmlToNativeCommand();
            case "qemu-monitor-command": return new QemuMonitorCommand();
            case "qemu-monitor-event": return new QemuMonitorEventCommand();
            case "guest-exec": return new GuestExecCommand();
            case "lxc": return new LxcCommand();
            case "nested-status": return new NestedStatusCommand();
            case "nested-lxd": return new NestedLxdCommand();
            case "capabilities": return new CapabilitiesCommand();
            case "domcapabilities": return new DomCapabilitiesCommand();
            case "nodeinfo": return new NodeInfoCommand();
            case "nodememstats": return new NodeMemStatsCommand();
            case "domstats": return new DomStatsCommand();
            case "dommemstat": return new DomMemStatCommand();
            case "domblkstat": return new DomBlkStatCommand();
            case "domblkinfo": return new DomBlkInfoCommand();
            case "domblkerror": return new DomBlkErrorCommand();
            case "domifstat": return new DomIfStatCommand();
            case "top": return new TopCommand();
            case "freecell": return new FreeCellCommand();
            case "hostname": return new HostnameCommand();
            case "uri": return new UriCommand();
            case "version": return new VersionCommand();
            case "host-validate": return new HostValidateCommand();
            case CompleteDomainsCommand.NAME: return new CompleteDomainsCommand();
            case BashCompletionCommand.NAME: return new BashCompletionCommand();
            default: throw new IllegalArgumentException("no command " + name);
        }
    }

    /** Adds every command (for help, the shell, completion and "unknown command" errors), and help. */
    static void addAll(CommandLine cli) {
        for (String name : NAMES) {
            cli.addSubcommand(name, create(name));
        }
        cli.addSubcommand("help", new CommandLine.HelpCommand());
    }
}
