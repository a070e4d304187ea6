package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.StateDirs;
import dev.jvirt.vmmcore.daemon.http.HttpLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * How jvirtd runs: system or session mode, its directories (overridable for tests) and verbosity.
 *
 * @param mode    system or session
 * @param dirs    state and runtime directories
 * @param verbose debug logging
 * @param http    bounds on request sizes, timeouts and requests in flight
 */
public record DaemonOptions(Mode mode, StateDirs dirs, boolean verbose, HttpLimits http) {

    public DaemonOptions(Mode mode, StateDirs dirs, boolean verbose) {
        this(mode, dirs, verbose, HttpLimits.defaults());
    }

    public DaemonOptions withHttp(HttpLimits limits) {
        return new DaemonOptions(mode, dirs, verbose, limits);
    }

    public enum Mode {
        SYSTEM("vmm:///system"), SESSION("vmm:///session");

        private final String uri;

        Mode(String uri) {
            this.uri = uri;
        }

        public String uri() {
            return uri;
        }
    }

    /** The API socket: {@code RUNTIME/jvirtd.sock}. */
    public Path socket() {
        return dirs.runtime().resolve("jvirtd.sock");
    }

    /** libvirt's RPC protocol (issue #22): {@code RUNTIME/libvirt-sock}, for virsh, libvirt-java, python3-libvirt. */
    public Path libvirtSocket() {
        return dirs.runtime().resolve("libvirt-sock");
    }

    public Path lockFile() {
        return dirs.runtime().resolve("jvirtd.lock");
    }

    public Path logDir() {
        return dirs.state().resolve("log");
    }

    /**
     * Parses the command line with picocli's model of it ({@link JvirtdCommand}); throws
     * {@link IllegalArgumentException} with a message for people.
     */
    public static DaemonOptions parse(String[] args, long uid, Map<String, String> env, String home) {
        JvirtdCommand c = new JvirtdCommand();
        try {
            new CommandLine(c).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " (jvirtd --help lists the options)", e);
        }
        if (c.system && c.session) {
            throw new IllegalArgumentException("--system and --session exclude each other: choose one");
        }
        Mode mode = c.system ? Mode.SYSTEM : c.session ? Mode.SESSION : uid == 0 ? Mode.SYSTEM : Mode.SESSION;
        if (mode == Mode.SYSTEM && uid != 0) {
            throw new IllegalArgumentException("--system needs root (uid 0); you are uid " + uid + ": use --session");
        }
        HttpLimits http = HttpLimits.defaults();
        http = http.withTimeouts(
                c.requestTimeout == null ? http.requestTimeout() : seconds(c.requestTimeout, "--request-timeout"),
                c.idleTimeout == null ? http.idleTimeout() : seconds(c.idleTimeout, "--idle-timeout"));
        StateDirs defaults = mode == Mode.SYSTEM ? StateDirs.system() : StateDirs.session(env, home, uid);
        StateDirs dirs = new StateDirs(c.stateDir != null ? Path.of(c.stateDir) : defaults.state(),
                c.runtimeDir != null ? Path.of(c.runtimeDir) : defaults.runtime());
        return new DaemonOptions(mode, dirs, c.verbose, http);
    }

    private static Duration seconds(String text, String option) {
        try {
            double s = Double.parseDouble(text);
            if (s > 0 && s < 1e7) {
                return Duration.ofMillis((long) (s * 1000));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " needs a positive number of seconds, not '" + text + "'");
    }
}
