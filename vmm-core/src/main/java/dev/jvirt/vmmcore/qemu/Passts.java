package dev.jvirt.vmmcore.qemu;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NetInterface;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code passt} behind each {@code <interface type='user'><backend type='passt'/>}, as
 * libvirt 9 runs it: one per NIC, started before QEMU as the daemon's own user (no root, no
 * capability: a session guest gets the host's network through passt's sockets; system mode is
 * refused, {@link #refusal}), listening on
 * {@link GuestPaths#passtSocket} where QEMU's {@code -netdev stream} connects, its pid in
 * {@link GuestPaths#passtPidFile}. With {@code --one-off} it exits when QEMU closes the socket;
 * the driver still stops it by its recorded pid whenever the guest's runtime directory goes
 * (stop, crash, a start undone, a daemon that finds a dead guest after a takeover), so none
 * outlives its guest.
 *
 * <p>Unlike libvirt 9.0, the guest's MAC is not passed as {@code --mac-addr}: that option sets
 * passt's own address (passt(1)), and passt learns the guest's from its first frame.
 */
public final class Passts {
    private static final Logger log = LoggerFactory.getLogger(Passts.class);
    private static final long WAIT_MS = 30_000;
    private static final String PREFIX = "passt-";

    private Passts() {}

    /** The argv that starts {@code nic}'s passt (pure; for tests and the log). */
    public static List<String> command(NetInterface nic, String netId, GuestPaths paths) {
        List<String> cmd = new ArrayList<>(List.of("passt", "--one-off",
                "--socket", paths.passtSocket(netId).toString(),
                "--pid", paths.passtPidFile(netId).toString(),
                "--log-file", nic.backend().logFile() != null ? nic.backend().logFile() : paths.passtLog(netId).toString()));
        if (nic.mtu() != null) {
            cmd.addAll(List.of("--mtu", Integer.toString(nic.mtu())));
        }
        if (nic.sourceDev() != null) {
            cmd.addAll(List.of("--interface", nic.sourceDev())); // <source dev>: the host interface whose addresses and routes passt copies
        }
        for (NetInterface.PortForward pf : nic.portForwards()) {
            cmd.add("tcp".equals(pf.proto()) ? "--tcp-ports" : "--udp-ports");
            cmd.add(portSpec(pf));
        }
        return cmd;
    }

    /** passt's port spec for one {@code <portForward>}: {@code [ADDR[%DEV]/]all|[~]START[-END][:TO[-TOEND]],...}. */
    static String portSpec(NetInterface.PortForward pf) {
        StringBuilder b = new StringBuilder();
        if (pf.address() != null) {
            b.append(pf.address());
            if (pf.dev() != null) {
                b.append('%').append(pf.dev());
            }
            b.append('/');
        } else if (pf.dev() != null) {
            b.append('%').append(pf.dev()).append('/');
        }
        if (pf.ranges().isEmpty()) {
            return b.append("all").toString();
        }
        for (int i = 0; i < pf.ranges().size(); i++) {
            NetInterface.Range r = pf.ranges().get(i);
            if (i > 0) {
                b.append(',');
            }
            if (Boolean.TRUE.equals(r.exclude())) {
                b.append('~');
            }
            b.append(r.start());
            if (r.end() != null) {
                b.append('-').append(r.end());
            }
            if (r.to() != null) {
                b.append(':').append(r.to());
                if (r.end() != null) {
                    b.append('-').append(r.end() + r.to() - r.start());
                }
            }
        }
        return b.toString();
    }

    /**
     * Starts a passt for each passt NIC of {@code def}, telling {@code started} each pid as soon as
     * it runs (for the undo).
     */
    public static void start(Domain def, GuestPaths paths, LongConsumer started)
            throws IOException, InterruptedException {
        List<NetInterface> nics = def.devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterface nic = nics.get(i);
            if (!nic.passt()) {
                continue;
            }
            String id = DeviceIds.net(i);
            Path out = paths.dir().resolve(PREFIX + id + ".out");
            List<String> cmd = command(nic, id, paths);
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run passt for interface " + id + " (<backend type='passt'/>; install the "
                        + "passt package): " + e.getMessage(), e);
            }
            // passt forks into the background once its socket listens; its exit status says whether it could
            if (!p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("passt for interface " + id + " did not start within " + WAIT_MS / 1000 + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("passt for interface " + id + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(out, StandardCharsets.UTF_8).strip());
            }
            long pid = readPid(paths.passtPidFile(id)).orElseThrow(() -> new IOException(
                    "passt for interface " + id + " wrote no pid to " + paths.passtPidFile(id)));
            started.accept(pid);
            if (!Files.exists(paths.passtSocket(id))) {
                throw new IOException("passt for interface " + id + " made no socket " + paths.passtSocket(id));
            }
        }
    }

    /**
     * Why {@code def}'s passt NICs cannot start under a daemon running as {@code uid}, or null. As
     * root, passt drops to {@code nobody} (or {@code --runas}) before it binds its socket, and the
     * guest's runtime directory is the daemon's alone (0700): system mode would need passt's
     * files elsewhere, which jvirt does not do yet.
     */
    public static String refusal(Domain def, int uid) {
        List<NetInterface> nics = def.devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            if (nics.get(i).passt() && uid == 0) {
                return "interface " + DeviceIds.net(i) + ": <backend type='passt'/> is supported for session guests "
                        + "(passt runs as the daemon's unprivileged user); this jvirtd runs as root";
            }
        }
        return null;
    }

    /** Stops a passt by its pid (SIGTERM, then SIGKILL). */
    public static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }

    /**
     * Stops every passt recorded in the guest's runtime directory whose process is still that passt
     * (its command line names the recorded socket): before the directory is removed, whoever
     * removes it (a stop, a crash found at takeover, a start undone).
     */
    public static void stopRecorded(GuestPaths paths, ProcFs proc) {
        if (!Files.isDirectory(paths.dir())) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(paths.dir(), PREFIX + "*.pid")) {
            for (Path pidFile : ds) {
                String name = pidFile.getFileName().toString();
                String id = name.substring(PREFIX.length(), name.length() - ".pid".length());
                Optional<Long> pid = readPid(pidFile);
                if (pid.isEmpty()) {
                    continue;
                }
                List<String> argv = proc.cmdline(pid.get());
                int socket = argv.indexOf("--socket");
                if (socket >= 0 && socket + 1 < argv.size() && argv.get(socket + 1).equals(paths.passtSocket(id).toString())) {
                    log.debug("stopping passt {} of {}", pid.get(), paths.dir());
                    stop(pid.get());
                }
            }
        } catch (IOException e) {
            log.warn("cannot look for passt processes in {}: {}", paths.dir(), e.toString());
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            String s = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
