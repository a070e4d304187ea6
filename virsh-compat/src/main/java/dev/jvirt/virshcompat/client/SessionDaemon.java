package dev.jvirt.virshcompat.client;

import dev.jvirt.api.http.UnixHttpClient;
import java.io.File;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Starts the user's session daemon when none answers, as libvirt does for qemu:///session:
 * {@code bin/jvirtd --session} from the same distribution as this jvirsh, in its own session
 * ({@code setsid}) so it outlives the command, logging to {@code jvirtd.log} beside its socket.
 */
final class SessionDaemon {

    private static final long WAIT_MILLIS = 15_000;

    private final Env env;

    SessionDaemon(Env env) {
        this.env = env;
    }

    /**
     * Starts jvirtd and waits until {@code client}'s socket accepts connections. The runtime
     * directory {@code dir} is made private (0700) if it is missing and checked again either way
     * (it may have appeared meanwhile); the log beside the socket is opened without following a link.
     */
    void start(UnixHttpClient client, Path dir) {
        Path jvirtd = findJvirtd();
        Path log = dir.resolve("jvirtd.log");
        Process process;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ApiTransport.checkDirectory(dir, env.uid(), true);
            Files.newByteChannel(log, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    .close();
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.add(jvirtd.toString());
            cmd.add("--session");
            process = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new ConnectException("cannot start the session daemon " + jvirtd + ": " + e.getMessage(),
                    "start it by hand: " + jvirtd + " --session", e);
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            try (SocketChannel ch = client.connect()) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() && process.exitValue() != 0) {
                    throw new ConnectException("the session daemon exited with status " + process.exitValue()
                            + " before serving " + client.socket(), "see " + log);
                }
                sleep();
            }
        }
        throw new ConnectException("the session daemon did not open " + client.socket() + " within "
                + WAIT_MILLIS / 1000 + " s", "see " + log);
    }

    /** $JVIRT_JVIRTD, else {@code -Djvirt.home}/bin/jvirtd, else bin/jvirtd beside this jar's lib/. */
    Path findJvirtd() {
        String explicit = env.get("JVIRT_JVIRTD");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String home = System.getProperty("jvirt.home");
        if (home != null) {
            return Path.of(home, "bin", "jvirtd");
        }
        try {
            Path jar = Path.of(SessionDaemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().resolveSibling("bin").resolve("jvirtd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        } catch (Exception e) {
            // fall through to the error below
        }
        throw new ConnectException("no session daemon answers and jvirtd was not found next to jvirsh",
                "set JVIRT_JVIRTD to the jvirtd launcher, or start it yourself: jvirtd --session");
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting for the session daemon", null, e);
        }
    }
}
