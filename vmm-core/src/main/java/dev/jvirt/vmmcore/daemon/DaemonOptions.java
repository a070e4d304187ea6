package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.StateDirs;
import dev.jvirt.vmmcore.daemon.http.HttpLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    public static final String USAGE = """
            Usage: jvirtd [--system | --session] [--state-dir DIR] [--runtime-dir DIR] [--verbose]
                          [--request-timeout SECONDS] [--idle-timeout SECONDS]
                   jvirtd --help | --version
            The jvirt daemon: runs QEMU guests and serves jvirsh over a unix socket.
              --system           vmm:///system: /var/lib/jvirt, /run/jvirt (needs root; the default for root)
              --session          vmm:///session: $XDG_DATA_HOME/jvirt, $XDG_RUNTIME_DIR/jvirt (default otherwise)
              --state-dir DIR    keep definitions in DIR instead
              --runtime-dir DIR  keep sockets, pids and live state in DIR instead (socket: DIR/jvirtd.sock)
              --verbose          debug logging
              --request-timeout S  a request must arrive completely within S seconds of its first byte (30)
              --idle-timeout S     close a connection idle for S seconds between requests (300)
            Logs go to stderr and to STATE/log/jvirtd.log. SIGTERM stops the daemon; guests keep running.""";

    /** The API socket: {@code RUNTIME/jvirtd.sock}. */
    public Path socket() {
        return dirs.runtime().resolve("jvirtd.sock");
    }

    public Path lockFile() {
        return dirs.runtime().resolve("jvirtd.lock");
    }

    public Path logDir() {
        return dirs.state().resolve("log");
    }

    /** Parses the command line; throws {@link IllegalArgumentException} with a message for people. */
    public static DaemonOptions parse(String[] args, long uid, Map<String, String> env, String home) {
        Mode mode = uid == 0 ? Mode.SYSTEM : Mode.SESSION;
        Path state = null;
        Path runtime = null;
        boolean verbose = false;
        HttpLimits http = HttpLimits.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--system" -> mode = Mode.SYSTEM;
                case "--session" -> mode = Mode.SESSION;
                case "--verbose", "-v" -> verbose = true;
                case "--state-dir" -> state = Path.of(value(args, ++i, a));
                case "--runtime-dir" -> runtime = Path.of(value(args, ++i, a));
                case "--request-timeout" -> http = http.withTimeouts(seconds(value(args, ++i, a), a), http.idleTimeout());
                case "--idle-timeout" -> http = http.withTimeouts(http.requestTimeout(), seconds(value(args, ++i, a), a));
                default -> {
                    if (a.startsWith("--state-dir=")) {
                        state = Path.of(a.substring("--state-dir=".length()));
                    } else if (a.startsWith("--runtime-dir=")) {
                        runtime = Path.of(a.substring("--runtime-dir=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + a + "' (jvirtd --help lists them)");
                    }
                }
            }
        }
        if (mode == Mode.SYSTEM && uid != 0) {
            throw new IllegalArgumentException("--system needs root (uid 0); you are uid " + uid + ": use --session");
        }
        StateDirs defaults = mode == Mode.SYSTEM ? StateDirs.system() : StateDirs.session(env, home, uid);
        StateDirs dirs = new StateDirs(state != null ? state : defaults.state(), runtime != null ? runtime : defaults.runtime());
        return new DaemonOptions(mode, dirs, verbose, http);
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

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
