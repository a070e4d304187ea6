package dev.jvirt.vmmcore.qemu;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Tpm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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

    /** The state directory of the domain's first emulated TPM ({@code tpm0}), whether or not it exists yet. */
    public Path stateDir(String domain) {
        return stateRoot.resolve(domain).resolve("tpm0");
    }

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * Replaces the state of the domain's first emulated TPM with {@code files} (plain names, as
     * swtpm's {@code tpm2-00.permall}): written into a new directory beside it ({@code 0700}, files
     * {@code 0600}, each fsynced), which is renamed into place, so the TPM has the old state or the
     * new one, never a mix. The caller holds the domain shut off.
     */
    public void replaceState(String domain, Map<String, byte[]> files) throws IOException {
        for (String name : files.keySet()) {
            if (!FILE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a TPM state file name: '" + name + "' (a plain file name)");
            }
        }
        Path target = stateDir(domain);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
        Path fresh = parent.resolve(".tpm0.new-" + UUID.randomUUID());
        Path old = parent.resolve(".tpm0.old-" + UUID.randomUUID());
        Files.createDirectory(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                try (FileChannel ch = FileChannel.open(fresh.resolve(f.getKey()), Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    ByteBuffer buf = ByteBuffer.wrap(f.getValue());
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
            }
            sync(fresh);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            sync(parent);
        } finally {
            deleteTree(fresh);
            deleteTree(old);
        }
    }

    private static void sync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
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
