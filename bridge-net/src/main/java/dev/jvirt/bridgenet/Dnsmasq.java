package dev.jvirt.bridgenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network's dnsmasq: its configuration file, lease and pid file in the network's runtime
 * directory, started with {@code dnsmasq --conf-file=FILE} (it daemonizes and reports start-up
 * errors by its exit status) and stopped by pid, after checking the pid is still that dnsmasq.
 */
final class Dnsmasq {
    private static final Logger log = LoggerFactory.getLogger(Dnsmasq.class);
    static final String CONF = "dnsmasq.conf";
    static final String PID = "dnsmasq.pid";
    static final String LEASES = "dnsmasq.leases";
    static final String HOSTS = "dnsmasq.hostsfile";
    private static final int SIGHUP = 1;
    private static final long STOP_WAIT_MS = 3000;
    private static final long PID_WAIT_MS = 10_000;

    private Dnsmasq() {
    }

    static Path conf(Path dir) {
        return dir.resolve(CONF);
    }

    static Path leases(Path dir) {
        return dir.resolve(LEASES);
    }

    /**
     * Writes the configuration of {@code plan} into {@code dir}, and its DHCP hosts file. dnsmasq
     * reads the hosts file again on SIGHUP as the user it dropped to: the file is 0644 and
     * {@code dir} and its parent (the runtime records' directory) 0711, searchable but not listable
     * by others; the configuration, records and lease file stay the owner's.
     */
    static Path writeConfig(NetworkPlan plan, Path dir) {
        Path conf = conf(dir);
        try {
            Files.deleteIfExists(dir.resolve(PID));
            Files.writeString(conf, DnsmasqConfig.render(plan, new DnsmasqConfig.Files(dir.resolve(PID), leases(dir),
                    dir.resolve(HOSTS))), StandardCharsets.UTF_8);
            writeHosts(plan, dir);
            for (Path d : List.of(dir, dir.getParent())) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx--x--x"));
            }
        } catch (IOException e) {
            throw new NetworkException("network '" + plan.name() + "': cannot write " + conf + ": " + e.getMessage(), e);
        }
        return conf;
    }

    /** Writes the DHCP hosts file of {@code plan} into {@code dir} (a temporary file renamed over it). */
    private static void writeHosts(NetworkPlan plan, Path dir) throws IOException {
        Path tmp = dir.resolve("." + HOSTS + ".tmp");
        Files.writeString(tmp, DnsmasqConfig.hosts(plan), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, dir.resolve(HOSTS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Whether the dnsmasq of configuration {@code conf} reads its DHCP hosts from the hosts file (SIGHUP reloads them). */
    static boolean readsHostsFile(Path conf) {
        try {
            return Files.readString(conf, StandardCharsets.UTF_8).contains("\ndhcp-hostsfile=");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gives a running dnsmasq the DHCP hosts of {@code plan}: the hosts file rewritten, then SIGHUP
     * (dnsmasq reads it again; leases already given stay until they are renewed).
     */
    static void reloadHosts(NetworkPlan plan, Path dir, long pid, Path conf) {
        try {
            writeHosts(plan, dir);
        } catch (IOException e) {
            throw new NetworkException("network '" + plan.name() + "': cannot write " + dir.resolve(HOSTS) + ": "
                    + e.getMessage(), e);
        }
        if (!isOurs(pid, conf)) {
            throw new NetworkException("network '" + plan.name() + "': its dnsmasq (pid " + pid + ") is not running");
        }
        try {
            LinuxNet.C.kill((int) pid, SIGHUP);
        } catch (com.sun.jna.LastErrorException e) {
            throw new NetworkException("network '" + plan.name() + "': cannot signal dnsmasq " + pid + ": "
                    + LinuxNet.describe(e), e);
        }
    }

    /** Starts dnsmasq on a written configuration; returns its pid. */
    static long start(Path binary, String network, Path conf) {
        try {
            Commands.run(binary, List.of("--conf-file=" + conf));
        } catch (HostCommandException e) {
            throw new HostCommandException("network '" + network + "': dnsmasq did not start: " + e.getMessage(),
                    e.argv(), e.exitStatus(), e);
        }
        Path pidFile = conf.resolveSibling(PID);
        // a deadline, not a count of polls: on a loaded machine a poll can take far longer than its sleep
        long deadline = System.nanoTime() + PID_WAIT_MS * 1_000_000L;
        do {
            Optional<Long> pid = readPid(pidFile);
            if (pid.isPresent() && isOurs(pid.get(), conf)) {
                return pid.get();
            }
            sleep(10);
        } while (System.nanoTime() < deadline);
        throw new NetworkException("network '" + network + "': dnsmasq started but wrote no pid to " + pidFile
                + " within " + PID_WAIT_MS + " ms");
    }

    /** Whether {@code pid} is a live dnsmasq run with {@code conf} (not a zombie, not a reused pid). */
    static boolean isOurs(long pid, Path conf) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z') {
                return false;
            }
            byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String argv = new String(cmd, StandardCharsets.UTF_8);
            return argv.contains("\0--conf-file=" + conf + "\0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops jvirt's dnsmasq at {@code pid} (TERM, then KILL); nothing when it is gone or is another process. */
    static void stop(long pid, Path conf) {
        if (!isOurs(pid, conf)) {
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        if (awaitGone(pid, conf)) {
            return;
        }
        log.warn("dnsmasq {} ({}) did not stop on SIGTERM within {} ms; killing it", pid, conf, STOP_WAIT_MS);
        h.get().destroyForcibly();
        if (!awaitGone(pid, conf)) {
            throw new NetworkException("dnsmasq " + pid + " (" + conf + ") does not stop, even on SIGKILL");
        }
    }

    private static boolean awaitGone(long pid, Path conf) {
        long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!isOurs(pid, conf)) {
                return true;
            }
            sleep(10);
        }
        return false;
    }

    /** The pid in the pid file beside {@code conf}, if dnsmasq wrote one. */
    static Optional<Long> pidFromFile(Path conf) {
        return readPid(conf.resolveSibling(PID));
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException("interrupted while waiting for dnsmasq", e);
        }
    }
}
