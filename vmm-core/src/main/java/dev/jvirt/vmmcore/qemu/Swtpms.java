package dev.jvirt.vmmcore.qemu;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Tpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code swtpm} behind each {@code <tpm><backend type='emulator'>}, as libvirt runs it: one
 * daemon per TPM, its state kept across starts in {@code STATE/qemu/swtpm/NAME/tpmN}, its control
 * socket at {@link GuestPaths#swtpmSocket} where QEMU connects, started before QEMU and ending
 * with it ({@code --terminate}: swtpm exits when QEMU closes its connection). A start that fails
 * later stops it by its pid.
 */
public final class Swtpms {

    private static final long WAIT_MS = 30_000;
    private final Path stateRoot;

    public Swtpms(Path stateRoot) {
        this.stateRoot = stateRoot;
    }

    /** Starts the domain's emulated TPMs; the pids, for the undo. */
    public List<Long> start(Domain def, GuestPaths paths) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        List<Tpm> tpms = def.devices().tpms();
        for (int i = 0; i < tpms.size(); i++) {
            Tpm t = tpms.get(i);
            if (!"emulator".equals(t.backendType())) {
                continue;
            }
            String id = "tpm" + i;
            Path state = stateRoot.resolve(def.name()).resolve(id);
            Files.createDirectories(state);
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
            Path socket = paths.swtpmSocket(id);
            Path pidFile = paths.dir().resolve(id + "-swtpm.pid");
            Path log = paths.dir().resolve(id + "-swtpm.log");
            for (Path p : List.of(state, socket, pidFile, log)) {
                if (p.toString().contains(",")) {
                    throw new IOException("swtpm cannot take a path with a comma: " + p);
                }
            }
            List<String> cmd = new ArrayList<>(List.of("swtpm", "socket", "--tpmstate", "dir=" + state,
                    "--ctrl", "type=unixio,path=" + socket, "--pid", "file=" + pidFile, "--log", "file=" + log,
                    "--terminate", "--daemon"));
            if (!"1.2".equals(t.backendVersion())) {
                cmd.add("--tpm2");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.resolveSibling(id + "-swtpm.out").toFile()).start();
            if (!p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("swtpm for " + id + " did not daemonize within " + WAIT_MS / 1000 + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("swtpm for " + id + " failed (exit " + p.exitValue() + "): "
                        + Files.readString(log.resolveSibling(id + "-swtpm.out"), StandardCharsets.UTF_8).strip());
            }
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (!Files.exists(socket) || !Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("swtpm for " + id + " made no socket " + socket);
                }
                Thread.sleep(20);
            }
            pids.add(Long.parseLong(Files.readString(pidFile).strip()));
        }
        return pids;
    }

    /** Stops a swtpm by its pid (SIGTERM, then SIGKILL). */
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
}
