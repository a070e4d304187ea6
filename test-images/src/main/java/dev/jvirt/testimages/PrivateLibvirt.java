package dev.jvirt.testimages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A libvirt session daemon of our own, never the system one: {@code virsh -c qemu:///session}
 * with HOME and the XDG directories in a temporary directory, so the daemon autostarts there,
 * keeps its definitions there, and is killed by the pid in its pid file at the end. Root has no
 * session daemon in libvirt (root's session URI is the system daemon), so as root the commands
 * run as {@code nobody} (with the kvm group for /dev/kvm).
 *
 * <p>{@link #startIsolated()} is the same daemon in a mount and network namespace of its own, for
 * {@code virsh domxml-to-native}: libvirt 9 turns every NIC into a TAP it opens for the printed
 * command line, and {@code nobody} may open neither {@code /dev/net/tun} (0600 on some machines)
 * nor make TAPs. There the daemon gets a 0666 copy of the tun node bound over {@code /dev/net/tun}
 * and CAP_NET_ADMIN (ambient), so the TAPs it makes live in the throwaway network namespace and
 * vanish with it; the host's devices and links are not touched. That mode needs root.
 */
public final class PrivateLibvirt implements AutoCloseable {
    private final Path dir;
    private final List<String> prefix = new ArrayList<>();
    private final Map<String, String> env;
    /** The process holding the namespaces of {@link #startIsolated()}, or null. */
    private final Process holder;

    private PrivateLibvirt(Path dir, boolean asNobody, boolean kvmGroup, Process holder) {
        this.dir = dir;
        this.holder = holder;
        if (holder != null) {
            prefix.addAll(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-n", "--"));
            prefix.addAll(nobody(kvmGroup));
        } else if (asNobody) {
            prefix.addAll(List.of("runuser", "-u", "nobody"));
            if (kvmGroup) {
                prefix.addAll(List.of("-G", "kvm"));
            }
            prefix.add("--");
        }
        env = Map.of("HOME", dir.toString(),
                "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString(),
                "XDG_RUNTIME_DIR", dir.resolve("runtime").toString(),
                "LC_ALL", "C");
    }

    private static List<String> nobody(boolean kvmGroup) {
        List<String> p = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup"));
        p.add(kvmGroup ? "--groups=kvm" : "--clear-groups");
        return p;
    }

    /** A session daemon started by virsh on first use. */
    public static PrivateLibvirt start() throws IOException {
        return start(false);
    }

    /** A daemon in namespaces of its own that may open TAPs there (see the class comment); root only. */
    public static PrivateLibvirt startIsolated() throws IOException {
        return start(true);
    }

    private static PrivateLibvirt start(boolean isolated) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (isolated && !root) {
            throw new IOException("an isolated private libvirt needs root (namespaces, a tun node)");
        }
        Path dir = Files.createTempDirectory("jvirt-libvirt-");
        for (String sub : List.of("config", "cache", "data", "runtime", "xml", "config/libvirt", "config/pki")) {
            Files.createDirectories(dir.resolve(sub));
        }
        // SPICE over TLS is off in libvirt's default qemu.conf and then a tlsPort is refused at define;
        // the real-world corpus has one (its users have turned TLS on). Nothing is started, so the
        // certificate directory may stay empty.
        Files.writeString(dir.resolve("config/libvirt/qemu.conf"),
                "spice_tls = 1\nspice_tls_x509_cert_dir = \"" + dir.resolve("config/pki") + "\"\n");
        boolean kvmGroup = false;
        if (root) {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                lookup.lookupPrincipalByGroupName("kvm");
                kvmGroup = true;
            } catch (IOException noKvmGroup) {
                kvmGroup = false;
            }
            GroupPrincipal group = lookup.lookupPrincipalByGroupName("nogroup");
            try (var s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    v.setOwner(lookup.lookupPrincipalByName("nobody"));
                    v.setGroup(group);
                }
            }
            Files.setPosixFilePermissions(dir.resolve("runtime"), PosixFilePermissions.fromString("rwx------"));
        }
        if (!isolated) {
            return new PrivateLibvirt(dir, root, kvmGroup, null);
        }
        Process holder = new ProcessBuilder("unshare", "--mount", "--net", "--", "sleep", "100000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("holder.log").toFile()).start();
        PrivateLibvirt lv = new PrivateLibvirt(dir, true, kvmGroup, holder);
        try {
            lv.startDaemon(kvmGroup);
        } catch (IOException | RuntimeException e) {
            lv.close();
            throw e;
        }
        return lv;
    }

    private void startDaemon(boolean kvmGroup) throws IOException {
        String ns = Long.toString(holder.pid());
        Path tun = dir.resolve("tun");
        // the holder has made its namespaces once it is sleeping: nsenter fails until then
        run(List.of("nsenter", "-t", ns, "-m", "-n", "--", "mknod", "-m", "0666", tun.toString(), "c", "10", "200"), true);
        run(List.of("nsenter", "-t", ns, "-m", "--", "mount", "--bind", tun.toString(), "/dev/net/tun"), false);
        List<String> daemon = new ArrayList<>(List.of("nsenter", "-t", ns, "-m", "-n", "--"));
        daemon.addAll(nobody(kvmGroup));
        daemon.addAll(List.of("--inh-caps=+net_admin", "--ambient-caps=+net_admin", "/usr/sbin/libvirtd", "--timeout", "3600", "-d"));
        run(daemon, false);
        Path sock = dir.resolve("runtime/libvirt/libvirt-sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(sock)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the private libvirtd made no socket " + sock + " in 120 s");
            }
            sleepBriefly();
        }
    }

    private void run(List<String> cmd, boolean retryUntilReady) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out;
            try {
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " timed out");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (p.exitValue() == 0) {
                return;
            }
            if (!retryUntilReady || System.nanoTime() > deadline) {
                throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out.strip());
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Whether this libvirt may run KVM guests: its capabilities list {@code <domain type='kvm'>}.
     * That depends on the host (is {@code /dev/kvm} there, may the daemon's user open it: mode 0600
     * root on some machines, 0666 on others), not on the definitions under test.
     */
    public boolean offersKvm() throws IOException, InterruptedException {
        Result caps = virsh("capabilities");
        if (caps.exit() != 0) {
            throw new IOException("virsh capabilities failed: " + caps.err().strip());
        }
        return caps.out().contains("<domain type='kvm'");
    }

    /** The daemon's XDG_CONFIG_HOME: its session's {@code libvirt/} (definitions, {@code qemu/swtpm/UUID/} TPM states). */
    public Path configHome() {
        return dir.resolve("config");
    }

    /** The daemon's home (its user owns it): a place for pool directories it may create. */
    public Path home() {
        return dir.resolve("xml");
    }

    /**
     * The URI that reaches this daemon from any local user allowed into its socket's directory
     * (root, here), e.g. for libvirt-java: {@code qemu+unix:///session?socket=RUNTIME/libvirt/libvirt-sock}.
     */
    public String socketUri() {
        return "qemu+unix:///session?socket=" + dir.resolve("runtime/libvirt/libvirt-sock");
    }

    /** Writes a file the daemon's user can read. */
    public Path writeXml(String name, String text) throws IOException {
        Path p = dir.resolve("xml").resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        return p;
    }

    /** Copies {@code source} into this daemon's directory, readable by its user; the copy's path. */
    public Path copyIn(Path source) throws IOException {
        Path p = dir.resolve("xml").resolve(source.getFileName());
        Files.copy(source, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        return p;
    }

    /**
     * The argv that runs {@code argv} as this daemon's user in its environment (HOME, XDG dirs),
     * e.g. a virsh for tmux, or one given a URI of its own with {@code -c}.
     */
    public List<String> command(String... argv) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("env");
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(List.of(argv));
        return cmd;
    }

    /** Result of a virsh run. */
    public record Result(int exit, String out, String err) {}

    public Result virsh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("virsh", "-q", "-c", "qemu:///session"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("virsh-out", ".txt");
        Path err = Files.createTempFile("virsh-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("virsh " + String.join(" ", args) + " timed out");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Kills the daemon(s) started under our runtime directory by their pid files, then deletes the directory. */
    @Override
    public void close() throws IOException {
        Path run = dir.resolve("runtime").resolve("libvirt");
        for (String daemon : List.of("libvirtd", "virtqemud", "virtlogd", "virtnetworkd", "virtstoraged")) {
            Path pidFile = run.resolve(daemon + ".pid");
            if (Files.isRegularFile(pidFile)) {
                kill(pidFile);
            }
        }
        killGuests();
        if (holder != null) {
            holder.destroy();
            try {
                if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                    holder.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // the daemon removed its socket while we walked
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Guests this libvirt started outlive its daemon (QEMU daemonizes): each names our directory on
     * its command line (its config, log and monitor paths), so it is found by that and killed.
     */
    private void killGuests() {
        String mine = dir.toString() + "/";
        ProcessHandle.allProcesses().filter(h -> h.pid() != ProcessHandle.current().pid()).forEach(h -> {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
                String cmd = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
                if (cmd.startsWith("/usr/bin/qemu-system") && cmd.contains(mine)) {
                    h.destroy();
                    try {
                        h.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                }
            } catch (IOException e) {
                // gone meanwhile, or not ours to read
            }
        });
    }

    private static void kill(Path pidFile) throws IOException {
        String text = Files.readString(pidFile).strip();
        if (text.isEmpty()) {
            return;
        }
        long pid = Long.parseLong(text);
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
