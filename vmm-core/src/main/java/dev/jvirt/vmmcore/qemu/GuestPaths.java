package dev.jvirt.vmmcore.qemu;

import java.nio.file.Path;

/**
 * Where one running guest's runtime files live: all of them inside one directory of the daemon's
 * runtime dir ({@code RUNTIME/qemu/NAME/}), so that removing it leaves nothing behind.
 */
public record GuestPaths(Path dir) {

    /**
     * The QEMU id of a serial console's chardev: {@code null} on the command line, swapped by the
     * console hub for a {@code file} chardev on {@link #consoleFifos()} before the guest runs.
     */
    public static final String CONSOLE_HUB_CHARDEV = "jvirt-console";

    /** QMP control socket (the daemon connects as client). */
    public Path qmpSocket() {
        return dir.resolve("qmp.sock");
    }

    /**
     * The console's unix socket chardev for a virtio or USB console, read by the Hypervisor's
     * console hub (its log: {@code StateDirs.consoleLog}).
     */
    public Path consoleSocket() {
        return dir.resolve("console.sock");
    }

    /** A serial console's FIFOs, {@code console.in} and {@code console.out}, made and read by the console hub. */
    public Path consoleFifos() {
        return dir.resolve("console");
    }

    /** QEMU's pidfile ({@code -pidfile}). */
    public Path pidFile() {
        return dir.resolve("qemu.pid");
    }

    /** QEMU's own stderr (-daemonize leaves it on the launcher's stderr; the launcher points it here). */
    public Path qemuLog() {
        return dir.resolve("qemu.log");
    }

    /** The live definition of the running guest. */
    public Path liveXml() {
        return dir.resolve("live.xml");
    }

    /** Guest-agent channel socket ({@code org.qemu.guest_agent.0}). */
    public Path guestAgentSocket() {
        return dir.resolve("guest-agent.sock");
    }

    /**
     * The vhost-user socket of a virtiofs filesystem, where the driver starts {@code virtiofsd}
     * before QEMU connects; {@code fsId} is the filesystem's device id ({@code fs0}, {@code fs1}, ...).
     */
    public Path virtiofsSocket(String fsId) {
        return dir.resolve(fsId + "-virtiofsd.sock");
    }

    /**
     * The unix socket of the {@code passt} serving NIC {@code netId} ({@code net0}) of a
     * {@code <interface type='user'><backend type='passt'/>}, which the driver starts before QEMU
     * connects to it ({@code -netdev stream}); its pid file is {@link #passtPidFile}.
     */
    public Path passtSocket(String netId) {
        return dir.resolve("passt-" + netId + ".sock");
    }

    /** The pid file of NIC {@code netId}'s {@code passt}: how a stop, or a daemon after a crash, finds it. */
    public Path passtPidFile(String netId) {
        return dir.resolve("passt-" + netId + ".pid");
    }

    /** NIC {@code netId}'s {@code passt} log, when the definition names no {@code <backend logFile>}. */
    public Path passtLog(String netId) {
        return dir.resolve("passt-" + netId + ".log");
    }

    /** The control socket of the {@code swtpm} emulating TPM {@code tpmId} ({@code tpm0}), which the driver starts before QEMU. */
    public Path swtpmSocket(String tpmId) {
        return dir.resolve(tpmId + "-swtpm.sock");
    }
}
