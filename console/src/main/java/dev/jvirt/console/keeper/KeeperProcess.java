package dev.jvirt.console.keeper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Starting and finding a daemon's {@link ConsoleKeeper} process. jvirtd starts it from its own
 * Java and class path (the keeper's classes are in the console jar, beside jvirtd's), with a small
 * heap and one compiler thread; its stderr goes to {@code STATE/log/console-keeper.log}. Its pid is
 * in {@code RUNTIME/console-keeper.pid} (written by the keeper itself).
 */
public final class KeeperProcess {
    /** The keeper's JVM: a few MiB of heap; C1 only; no perf data file in /tmp. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms4m", "-Xmx32m", "-Xss256k",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=8m",
            "-XX:MaxMetaspaceSize=48m", "-XX:-UsePerfData", "-Xshare:auto",
            "-Dlogback.configurationFile=dev/jvirt/console/keeper/keeper-logback.xml");

    private KeeperProcess() {
    }

    public static Path socket(Path runtimeDir) {
        return runtimeDir.resolve(ConsoleKeeper.SOCKET);
    }

    public static Path pidFile(Path runtimeDir) {
        return runtimeDir.resolve(ConsoleKeeper.PID_FILE);
    }

    /** The pid the keeper recorded, if the file is there, is ours and is no link. */
    public static OptionalLong pid(Path runtimeDir) {
        Path f = pidFile(runtimeDir);
        try {
            if (Files.isSymbolicLink(f) || (Integer) Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                    != KeeperSecurity.uid()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(Files.readString(f).trim()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The command line that starts a keeper for {@code runtimeDir}, with this JVM's java and class path. */
    public static List<String> command(Path runtimeDir) {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConsoleKeeperMain.class.getName(),
                "--runtime-dir", runtimeDir.toAbsolutePath().toString()));
        return cmd;
    }

    /**
     * Starts a keeper for {@code runtimeDir}, its stderr appended to {@code logFile} (refused if
     * that is a link). Returns at once; the keeper serves its socket a moment later (or exits at
     * once if another serves it already).
     */
    public static Process spawn(Path runtimeDir, Path logFile) throws IOException {
        KeeperSecurity.requireOwnDirectory(runtimeDir);
        Path logDir = logFile.toAbsolutePath().getParent();
        Files.createDirectories(logDir);
        KeeperSecurity.requireOwnDirectory(logDir);
        if (Files.isSymbolicLink(logFile)) {
            throw new IOException(logFile + " is a symlink: not trusted (remove it)");
        }
        ProcessBuilder pb = new ProcessBuilder(command(runtimeDir))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = pb.environment();
        env.put("MALLOC_ARENA_MAX", "2");
        env.remove("JAVA_TOOL_OPTIONS");
        return pb.start();
    }
}
