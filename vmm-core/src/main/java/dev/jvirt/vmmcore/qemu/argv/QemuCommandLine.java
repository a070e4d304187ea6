package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Os;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The QEMU command line of a domain: a pure function of the validated definition (defaults
 * filled), the host's probed capabilities, the guest's runtime paths and the launch options. No
 * file system, process or clock is touched; the same inputs give the same argv.
 *
 * <p>QEMU starts paused ({@code -S}) and, normally, daemonized with a pidfile; QMP is a unix
 * socket server at {@link GuestPaths#qmpSocket()}. {@code -no-shutdown} is always given: when the
 * guest powers off QEMU stops and stays, reports {@code SHUTDOWN}, and the driver applies
 * {@code on_poweroff} (normally {@code quit}); {@code on_reboot='destroy'} adds {@code -no-reboot}
 * so a reboot is a shutdown the driver sees the same way. {@code on_crash} is the driver's, from
 * {@code GUEST_PANICKED}.
 *
 * <p>The seccomp sandbox is libvirt's ({@code spawn} and {@code elevateprivileges} denied) when
 * QEMU runs in the foreground; with {@code -daemonize} those two must stay allowed, because QEMU
 * forks and calls setsid() after installing the filter. A launcher that detaches QEMU itself
 * (e.g. {@code setsid} without {@code -daemonize}) keeps the full sandbox.
 *
 * <p>Syntax is QEMU 7.2's as libvirt 9 uses it: {@code -blockdev}, {@code -device},
 * {@code -netdev} and {@code -object} as JSON; {@code -chardev}, {@code -machine} and the other
 * QemuOpts options with every user value comma-escaped ({@link QemuOpts#escape}).
 */
public final class QemuCommandLine {

    /** libvirt's seccomp policy. */
    static final String SANDBOX = "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny";
    /**
     * The policy a daemonizing QEMU can live with: QEMU installs the filter before it forks and
     * calls setsid() for {@code -daemonize}, so spawn=deny kills it with SIGSYS and
     * elevateprivileges=deny makes it exit 1 (measured with QEMU 7.2).
     */
    static final String SANDBOX_DAEMONIZED = "on,obsolete=deny,resourcecontrol=deny";

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private QemuCommandLine() {}

    /** The argv, emulator first. */
    public static List<String> build(Domain def, HostCapabilities caps, GuestPaths paths, LaunchOptions options) {
        return plan(def, caps, paths, options).argv();
    }

    /**
     * The argv and the devices it is made of, for a caller that also needs one device's JSON
     * (hotplug) or its backends.
     *
     * @throws CommandLineException when the definition cannot run with this QEMU
     */
    public static CommandLinePlan plan(Domain def, HostCapabilities caps, GuestPaths paths, LaunchOptions options) {
        Objects.requireNonNull(def, "def");
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(options, "options");
        Devices devs = def.devices();
        if (devs.emulator() != null && !devs.emulator().equals(caps.emulator())) {
            throw new CommandLineException("<emulator>", "names " + devs.emulator() + " but the capabilities are those of "
                    + caps.emulator() + "; probe that emulator");
        }
        if (def.os() != null && def.os().arch() != null && !"x86_64".equals(def.os().arch())) {
            throw new CommandLineException("<os><type arch='" + def.os().arch() + "'>", "is not supported; use x86_64");
        }
        UninterpretedParts.refuse(def);
        BuildContext ctx = new BuildContext(def, caps, paths, options);
        Firmware firmware = Firmware.of(def.os());
        List<String> argv = new ArrayList<>();
        List<DeviceSpec> specs = new ArrayList<>();
        Consumer<DeviceSpec> emit = s -> {
            if (s != null) {
                s.appendTo(argv);
                specs.add(s);
            }
        };

        argv.add(caps.emulator());
        argv.addAll(MachineArgs.name(def));
        argv.add("-S");
        if (options.daemonize()) {
            argv.add("-daemonize");
        }
        add(argv, "-pidfile", paths.pidFile().toString());
        for (Backend b : firmware.blockdevs()) {
            add(argv, b.option(), b.argument());
        }
        add(argv, "-machine", MachineArgs.machine(ctx, firmware));
        add(argv, "-accel", MachineArgs.accel(ctx));
        add(argv, "-cpu", CpuArgs.cpu(def));
        add(argv, "-m", MachineArgs.memory(def));
        if (!NumaArgs.present(def)) {
            ObjectNode ram = MachineArgs.memoryBackend(def);
            HostNodePolicy.apply(def, null, ram);
            add(argv, "-object", Json.text(ram));
        }
        add(argv, "-overcommit", MachineArgs.overcommit(def));
        add(argv, "-smp", CpuArgs.smp(def));
        argv.addAll(NumaArgs.of(def));
        argv.addAll(MachineArgs.iothreads(def));
        if (def.uuid() != null) {
            if (!UUID.matcher(def.uuid()).matches()) {
                throw new CommandLineException("<uuid>", "'" + def.uuid() + "' is not a UUID like 4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
            }
            add(argv, "-uuid", def.uuid());
        }
        argv.addAll(SmbiosArgs.of(def));
        List<String> graphics = GraphicsArgs.of(ctx);
        if (devs.graphics().isEmpty()) {
            argv.addAll(graphics);
        }
        argv.add("-no-user-config");
        argv.add("-nodefaults");
        add(argv, "-chardev", QemuOpts.of("socket").add("id", "charmonitor")
                .add("path", CharBackends.socketPath(paths.qmpSocket().toString(), "QMP monitor"))
                .onOff("server", true).onOff("wait", false).build());
        add(argv, "-mon", "chardev=charmonitor,id=monitor,mode=control");
        argv.addAll(ClockArgs.of(ctx));
        if (firmware.secure()) {
            add(argv, "-global", "driver=cfi.pflash01,property=secure,value=on");
        }
        argv.addAll(MachineArgs.powerManagement(ctx));
        argv.add("-no-shutdown");
        if ("destroy".equals(def.onReboot())) {
            argv.add("-no-reboot");
        }
        add(argv, "-boot", boot(def.os()));
        kernel(argv, def.os(), firmware);

        ctx.controllers.specs().forEach(emit);
        devs.disks().forEach(d -> emit.accept(DiskDevices.spec(ctx, d)));
        for (int i = 0; i < devs.filesystems().size(); i++) {
            emit.accept(FilesystemDevices.spec(ctx, devs.filesystems().get(i), i));
        }
        for (int i = 0; i < devs.interfaces().size(); i++) {
            emit.accept(NetDevices.spec(ctx, devs.interfaces().get(i), i));
        }
        CharDevices.Built chars = CharDevices.specs(ctx);
        chars.specs().forEach(emit);
        for (int i = 0; i < devs.tpms().size(); i++) {
            emit.accept(TpmDevices.spec(ctx, devs.tpms().get(i), i));
        }
        for (int i = 0; i < devs.inputs().size(); i++) {
            emit.accept(MiscDevices.input(ctx, devs.inputs().get(i), i));
        }
        ObjectNode audiodev = SoundDevices.audiodev(ctx);
        if (audiodev != null) {
            add(argv, "-audiodev", Json.text(audiodev));
        }
        if (!devs.graphics().isEmpty()) {
            argv.addAll(graphics);
        }
        for (int i = 0; i < devs.videos().size(); i++) {
            emit.accept(MiscDevices.video(ctx, devs.videos().get(i), i));
        }
        for (int i = 0; i < devs.sounds().size(); i++) {
            SoundDevices.specs(ctx, devs.sounds().get(i), i).forEach(emit);
        }
        for (int i = 0; i < devs.redirdevs().size(); i++) {
            emit.accept(RedirDevices.spec(ctx, devs.redirdevs().get(i), i));
        }
        for (int i = 0; i < devs.watchdogs().size(); i++) {
            emit.accept(WatchdogArgs.spec(ctx, devs.watchdogs().get(i), i));
        }
        argv.addAll(WatchdogArgs.options(ctx));
        emit.accept(MiscDevices.balloon(ctx, devs.memballoon()));
        for (int i = 0; i < devs.rngs().size(); i++) {
            emit.accept(MiscDevices.rng(ctx, devs.rngs().get(i), i));
        }
        add(argv, "-sandbox", options.daemonize() ? SANDBOX_DAEMONIZED : SANDBOX);
        for (int i = 0; i < devs.panics().size(); i++) {
            emit.accept(MiscDevices.panic(ctx, devs.panics().get(i), i));
        }
        add(argv, "-msg", "timestamp=on");
        if (def.qemuCommandline() != null) {
            argv.addAll(def.qemuCommandline().args());
        }
        return new CommandLinePlan(argv, specs, chars.console());
    }

    private static String boot(Os os) {
        QemuOpts o = null;
        if (os != null && os.bootMenu() != null && Boolean.TRUE.equals(os.bootMenu().enable())) {
            o = QemuOpts.ofPair("menu", "on");
            if (os.bootMenu().timeout() != null) {
                o.add("splash-time", os.bootMenu().timeout());
            }
        }
        if (os != null && os.bios() != null && os.bios().rebootTimeout() != null) {
            o = o == null ? QemuOpts.ofPair("reboot-timeout", os.bios().rebootTimeout().toString())
                    : o.add("reboot-timeout", os.bios().rebootTimeout());
        }
        return o == null ? "strict=on" : o.onOff("strict", true).build();
    }

    /** {@code -bios} for a ROM loader; {@code -kernel}, {@code -initrd}, {@code -append} (taken verbatim by QEMU, no escaping). */
    private static void kernel(List<String> argv, Os os, Firmware firmware) {
        if (firmware.biosPath() != null) {
            add(argv, "-bios", firmware.biosPath());
        }
        if (os == null) {
            return;
        }
        if (os.kernel() == null && (os.initrd() != null || os.cmdline() != null)) {
            throw new CommandLineException("<os>", "<initrd> and <cmdline> need a <kernel>");
        }
        if (os.kernel() != null) {
            add(argv, "-kernel", os.kernel());
        }
        if (os.initrd() != null) {
            add(argv, "-initrd", os.initrd());
        }
        if (os.cmdline() != null) {
            add(argv, "-append", os.cmdline());
        }
    }

    private static void add(List<String> argv, String option, String value) {
        argv.add(option);
        argv.add(value);
    }
}
