package dev.jvirt.bench.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private session libvirtd: {@code virsh -c qemu:///session} run as an unprivileged user with
 * XDG_* dirs in a temp dir spawns it (as root, qemu:///session would be the system daemon).
 * Stopped by the pid in its pidfile.
 */
final class LibvirtUnderTest implements Daemon {
    private final Path dir;
    private final String user;
    private final long pid;

    private LibvirtUnderTest(Path dir, String user, long pid) {
        this.dir = dir;
        this.user = user;
        this.pid = pid;
    }

    static LibvirtUnderTest start(Path dir, String user) throws Exception {
        for (String d : List.of("config", "cache", "data", "run")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.setPosixFilePermissions(dir.resolve("run"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        run(dir, List.of("chown", "-R", user, dir.toString()));
        virsh(dir, user, "list", "--all");
        long pid = Long.parseLong(Files.readString(dir.resolve("run/libvirt/libvirtd.pid")).trim());
        return new LibvirtUnderTest(dir, user, pid);
    }

    @Override
    public String label() {
        return "libvirtd";
    }

    @Override
    public long pid() {
        return pid;
    }

    /** virtlogd's pid (libvirt's log daemon for QEMU output), or -1. */
    long virtlogdPid() {
        try {
            return Long.parseLong(Files.readString(dir.resolve("run/libvirt/virtlogd.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void define(String name, String xml) throws Exception {
        Path file = dir.resolve("data").resolve(name + ".xml");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        virsh(dir, user, "define", file.toString());
    }

    @Override
    public void start(String name) throws Exception {
        virsh(dir, user, "start", name);
    }

    @Override
    public void destroy(String name) throws Exception {
        virsh(dir, user, "destroy", name);
    }

    /** {@code virsh list --all}: includes starting virsh (~20 ms), unlike the jvirtd figure. */
    @Override
    public long listNanos() throws Exception {
        long t0 = System.nanoTime();
        virsh(dir, user, "list", "--all");
        return System.nanoTime() - t0;
    }

    @Override
    public void close() throws Exception {
        for (long p : new long[] {pid, virtlogdPid()}) {
            if (p > 0) {
                ProcessHandle.of(p).ifPresent(ProcessHandle::destroy);
            }
        }
        for (long p : new long[] {pid, virtlogdPid()}) {
            if (p > 0) {
                ProcessHandle.of(p).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                    h.destroyForcibly();
                    return h;
                }).join());
            }
        }
    }

    private static void virsh(Path dir, String user, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", user, "--", "virsh", "-q", "-c", "qemu:///session"));
        cmd.addAll(List.of(args));
        run(dir, cmd);
    }

    private static void run(Path dir, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
