package dev.jvirt.console.keeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The console keeper's process: {@code ConsoleKeeperMain --runtime-dir DIR}, started by jvirtd
 * ({@link KeeperProcess}) from the same jars. It leaves jvirtd's session (so a Ctrl+C or hang-up
 * meant for jvirtd does not reach it), serves {@code DIR/console-keeper.sock}, records its pid in
 * {@code DIR/console-keeper.pid} and exits by the keeper's lifetime rule, or on SIGTERM (which lets
 * go of the consoles: their output is dropped from then on). Exit status 0, also when another
 * keeper already serves DIR.
 */
public final class ConsoleKeeperMain {

    private ConsoleKeeperMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--runtime-dir")) {
            System.err.println("usage: ConsoleKeeperMain --runtime-dir DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        try {
            LinuxIo.C.setsid();
        } catch (RuntimeException e) {
            // already a session leader
        }
        Path pidFile = dir.resolve(ConsoleKeeper.PID_FILE);
        ConsoleKeeper keeper;
        try {
            keeper = ConsoleKeeper.start(dir, () -> {
                deletePid(pidFile);
                Runtime.getRuntime().halt(0); // the keeper has let go of everything: nothing left to run
            });
        } catch (ConsoleKeeper.AlreadyRunningException e) {
            System.err.println("console keeper: " + e.getMessage());
            return;
        } catch (IOException e) {
            System.err.println("console keeper: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        writePid(pidFile);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            keeper.close();
            deletePid(pidFile);
        }, "console-keeper-stop"));
        Thread.currentThread().join(); // the poller thread does the work
    }

    /** Written whole under a temporary name and renamed, never through a link. */
    private static void writePid(Path pidFile) throws IOException {
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.write(tmp, (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        Files.move(tmp, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deletePid(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).trim();
            if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(pidFile);
            }
        } catch (IOException | RuntimeException e) {
            // gone already
        }
    }
}
