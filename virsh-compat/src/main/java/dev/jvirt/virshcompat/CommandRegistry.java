package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.commands.AttachInterfaceCommand;
import dev.jvirt.virshcompat.commands.DetachInterfaceCommand;
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
import dev.jvirt.virshcompat.commands.ImportCommand;
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
import dev.jvirt.virshcompat.commands.PoolListCommand;
import dev.jvirt.virshcompat.commands.PoolInfoCommand;
import dev.jvirt.virshcompat.commands.PoolDefineCommand;
import dev.jvirt.virshcompat.commands.PoolCreateCommand;
import dev.jvirt.virshcompat.commands.PoolBuildCommand;
import dev.jvirt.virshcompat.commands.PoolStartCommand;
import dev.jvirt.virshcompat.commands.PoolDestroyCommand;
import dev.jvirt.virshcompat.commands.PoolDeleteCommand;
import dev.jvirt.virshcompat.commands.PoolUndefineCommand;
import dev.jvirt.virshcompat.commands.PoolAutostartCommand;
import dev.jvirt.virshcompat.commands.PoolDumpXmlCommand;
import dev.jvirt.virshcompat.commands.PoolRefreshCommand;
import dev.jvirt.virshcompat.commands.VolListCommand;
import dev.jvirt.virshcompat.commands.VolInfoCommand;
import dev.jvirt.virshcompat.commands.VolCreateAsCommand;
import dev.jvirt.virshcompat.commands.VolCreateCommand;
import dev.jvirt.virshcompat.commands.VolCreateFromCommand;
import dev.jvirt.virshcompat.commands.VolCloneCommand;
import dev.jvirt.virshcompat.commands.VolDeleteCommand;
import dev.jvirt.virshcompat.commands.VolResizeCommand;
import dev.jvirt.virshcompat.commands.VolWipeCommand;
import dev.jvirt.virshcompat.commands.VolUploadCommand;
import dev.jvirt.virshcompat.commands.VolDownloadCommand;
import dev.jvirt.virshcompat.commands.VolDumpXmlCommand;
import dev.jvirt.virshcompat.commands.VolPathCommand;
import dev.jvirt.virshcompat.commands.VolKeyCommand;
import dev.jvirt.virshcompat.commands.VolNameCommand;
import dev.jvirt.virshcompat.commands.AttachDiskCommand;
import dev.jvirt.virshcompat.commands.DetachDiskCommand;
import dev.jvirt.virshcompat.commands.AttachDeviceCommand;
import dev.jvirt.virshcompat.commands.DetachDeviceCommand;
import dev.jvirt.virshcompat.commands.PoolDefineAsCommand;
import dev.jvirt.virshcompat.commands.PoolCreateAsCommand;
import dev.jvirt.virshcompat.commands.NetListCommand;
import dev.jvirt.virshcompat.commands.NetInfoCommand;
import dev.jvirt.virshcompat.commands.NetUuidCommand;
import dev.jvirt.virshcompat.commands.NetNameCommand;
import dev.jvirt.virshcompat.commands.NetDefineCommand;
import dev.jvirt.virshcompat.commands.NetEditCommand;
import dev.jvirt.virshcompat.commands.NetUpdateCommand;
import dev.jvirt.virshcompat.commands.NetCreateCommand;
import dev.jvirt.virshcompat.commands.NetStartCommand;
import dev.jvirt.virshcompat.commands.NetDestroyCommand;
import dev.jvirt.virshcompat.commands.NetUndefineCommand;
import dev.jvirt.virshcompat.commands.NetAutostartCommand;
import dev.jvirt.virshcompat.commands.NetDumpXmlCommand;
import dev.jvirt.virshcompat.commands.NetDhcpLeasesCommand;
import dev.jvirt.virshcompat.commands.DomIfAddrCommand;
import dev.jvirt.virshcompat.commands.DomJobAbortCommand;
import dev.jvirt.virshcompat.commands.DomJobInfoCommand;
import dev.jvirt.virshcompat.commands.ManagedSaveCommand;
import dev.jvirt.virshcompat.commands.ManagedSaveRemoveCommand;
import dev.jvirt.virshcompat.commands.RestoreCommand;
import dev.jvirt.virshcompat.commands.SaveCommand;
import dev.jvirt.virshcompat.commands.SaveImageDumpXmlCommand;
import dev.jvirt.virshcompat.commands.SnapshotCreateAsCommand;
import dev.jvirt.virshcompat.commands.SnapshotCreateCommand;
import dev.jvirt.virshcompat.commands.SnapshotListCommand;
import dev.jvirt.virshcompat.commands.SnapshotInfoCommand;
import dev.jvirt.virshcompat.commands.SnapshotDumpXmlCommand;
import dev.jvirt.virshcompat.commands.SnapshotRevertCommand;
import dev.jvirt.virshcompat.commands.SnapshotDeleteCommand;
import dev.jvirt.virshcompat.commands.SnapshotCurrentCommand;
import dev.jvirt.virshcompat.commands.SnapshotParentCommand;
import dev.jvirt.virshcompat.commands.SnapshotEditCommand;
import dev.jvirt.virshcompat.commands.SetMemCommand;
import dev.jvirt.virshcompat.commands.SetMaxMemCommand;
import dev.jvirt.virshcompat.commands.VcpuCountCommand;
import dev.jvirt.virshcompat.commands.VcpuInfoCommand;
import dev.jvirt.virshcompat.commands.InjectNmiCommand;
import dev.jvirt.virshcompat.commands.ScreenshotCommand;
import dev.jvirt.virshcompat.commands.DescCommand;
import dev.jvirt.virshcompat.commands.SetVcpusCommand;
import dev.jvirt.virshcompat.commands.CpuStatsCommand;
import dev.jvirt.virshcompat.commands.DomDisplayCommand;
import dev.jvirt.virshcompat.commands.VncDisplayCommand;
import dev.jvirt.virshcompat.commands.EmulatorPinCommand;
import dev.jvirt.virshcompat.commands.VcpuPinCommand;
import dev.jvirt.virshcompat.commands.SendKeyCommand;
import dev.jvirt.virshcompat.commands.DomRenameCommand;
import dev.jvirt.virshcompat.commands.IothreadInfoCommand;
import dev.jvirt.virshcompat.commands.BlockResizeCommand;
import dev.jvirt.virshcompat.commands.ChangeMediaCommand;
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
        "dumpxml", "edit", "autostart", "domblklist", "attach-disk", "detach-disk", "attach-device", "detach-device", "domiflist", "console", "event",
        "domstats", "dommemstat", "domblkstat", "domblkinfo", "domblkerror", "domifstat", "cpu-stats", "top",
        "domxml-to-native", "qemu-monitor-command", "qemu-monitor-event",
        "pool-list", "pool-info", "pool-define", "pool-define-as", "pool-create", "pool-create-as", "pool-build", "pool-start",
        "pool-destroy", "pool-delete", "pool-undefine", "pool-autostart", "pool-dumpxml", "pool-refresh",
        "vol-list", "vol-info", "vol-create-as", "vol-create", "vol-create-from", "vol-clone", "vol-delete", "vol-resize",
        "vol-wipe", "vol-upload", "vol-download", "vol-dumpxml", "vol-path", "vol-key", "vol-name",
        "domifaddr", "attach-interface", "detach-interface",
        "net-list", "net-info", "net-uuid", "net-name", "net-define", "net-create", "net-start", "net-destroy",
        "net-undefine", "net-autostart", "net-dumpxml", "net-dhcp-leases", "net-edit", "net-update",
        "guest-exec", "lxc", "nested-status", "nested-lxd", "import",
        "save", "restore", "save-image-dumpxml", "managedsave", "managedsave-remove", "domjobinfo", "domjobabort",
        "snapshot-create-as", "snapshot-create", "snapshot-list", "snapshot-info", "snapshot-dumpxml", "snapshot-revert", "snapshot-delete", "snapshot-current", "snapshot-parent", "snapshot-edit",
        "setmem", "setmaxmem", "desc", "domrename", "setvcpus", "vcpucount", "vcpuinfo", "vcpupin", "emulatorpin", "iothreadinfo", "blockresize", "change-media", "send-key", "inject-nmi", "screenshot", "domdisplay", "vncdisplay",
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
            case "pool-list": return new PoolListCommand();
            case "pool-info": return new PoolInfoCommand();
            case "pool-define": return new PoolDefineCommand();
            case "pool-create": return new PoolCreateCommand();
            case "pool-build": return new PoolBuildCommand();
            case "pool-start": return new PoolStartCommand();
            case "pool-destroy": return new PoolDestroyCommand();
            case "pool-delete": return new PoolDeleteCommand();
            case "pool-undefine": return new PoolUndefineCommand();
            case "pool-autostart": return new PoolAutostartCommand();
            case "pool-dumpxml": return new PoolDumpXmlCommand();
            case "pool-refresh": return new PoolRefreshCommand();
            case "vol-list": return new VolListCommand();
            case "vol-info": return new VolInfoCommand();
            case "vol-create-as": return new VolCreateAsCommand();
            case "vol-create": return new VolCreateCommand();
            case "vol-create-from": return new VolCreateFromCommand();
            case "vol-clone": return new VolCloneCommand();
            case "vol-delete": return new VolDeleteCommand();
            case "vol-resize": return new VolResizeCommand();
            case "vol-wipe": return new VolWipeCommand();
            case "vol-upload": return new VolUploadCommand();
            case "vol-download": return new VolDownloadCommand();
            case "vol-dumpxml": return new VolDumpXmlCommand();
            case "vol-path": return new VolPathCommand();
            case "vol-key": return new VolKeyCommand();
            case "vol-name": return new VolNameCommand();
            case "attach-disk": return new AttachDiskCommand();
            case "detach-disk": return new DetachDiskCommand();
            case "attach-device": return new AttachDeviceCommand();
            case "detach-device": return new DetachDeviceCommand();
            case "pool-define-as": return new PoolDefineAsCommand();
            case "pool-create-as": return new PoolCreateAsCommand();
            case "domifaddr": return new DomIfAddrCommand();
            case "attach-interface": return new AttachInterfaceCommand();
            case "detach-interface": return new DetachInterfaceCommand();
            case "save": return new SaveCommand();
            case "restore": return new RestoreCommand();
            case "save-image-dumpxml": return new SaveImageDumpXmlCommand();
            case "managedsave": return new ManagedSaveCommand();
            case "managedsave-remove": return new ManagedSaveRemoveCommand();
            case "domjobinfo": return new DomJobInfoCommand();
            case "domjobabort": return new DomJobAbortCommand();
            case "snapshot-create-as": return new SnapshotCreateAsCommand();
            case "snapshot-create": return new SnapshotCreateCommand();
            case "snapshot-list": return new SnapshotListCommand();
            case "snapshot-info": return new SnapshotInfoCommand();
            case "snapshot-dumpxml": return new SnapshotDumpXmlCommand();
            case "snapshot-revert": return new SnapshotRevertCommand();
            case "snapshot-delete": return new SnapshotDeleteCommand();
            case "snapshot-current": return new SnapshotCurrentCommand();
            case "snapshot-parent": return new SnapshotParentCommand();
            case "snapshot-edit": return new SnapshotEditCommand();
            case "net-list": return new NetListCommand();
            case "net-info": return new NetInfoCommand();
            case "net-uuid": return new NetUuidCommand();
            case "net-name": return new NetNameCommand();
            case "net-define": return new NetDefineCommand();
            case "net-create": return new NetCreateCommand();
            case "net-start": return new NetStartCommand();
            case "net-destroy": return new NetDestroyCommand();
            case "net-undefine": return new NetUndefineCommand();
            case "net-autostart": return new NetAutostartCommand();
            case "net-dumpxml": return new NetDumpXmlCommand();
            case "net-dhcp-leases": return new NetDhcpLeasesCommand();
            case "net-edit": return new NetEditCommand();
            case "net-update": return new NetUpdateCommand();
            case "setmem": return new SetMemCommand();
            case "desc": return new DescCommand();
            case "change-media": return new ChangeMediaCommand();
            case "blockresize": return new BlockResizeCommand();
            case "iothreadinfo": return new IothreadInfoCommand();
            case "domrename": return new DomRenameCommand();
            case "send-key": return new SendKeyCommand();
            case "vcpupin": return new VcpuPinCommand();
            case "emulatorpin": return new EmulatorPinCommand();
            case "domdisplay": return new DomDisplayCommand();
            case "vncdisplay": return new VncDisplayCommand();
            case "setvcpus": return new SetVcpusCommand();
            case "setmaxmem": return new SetMaxMemCommand();
            case "vcpucount": return new VcpuCountCommand();
            case "vcpuinfo": return new VcpuInfoCommand();
            case "inject-nmi": return new InjectNmiCommand();
            case "screenshot": return new ScreenshotCommand();
            case "guest-exec": return new GuestExecCommand();
            case "lxc": return new LxcCommand();
            case "nested-status": return new NestedStatusCommand();
            case "nested-lxd": return new NestedLxdCommand();
            case "import": return new ImportCommand();
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
            case "cpu-stats": return new CpuStatsCommand();
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
