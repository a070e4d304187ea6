package dev.jvirt.console.terminal;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link ConsoleClient} runs.
 *
 * @param domain     the domain's name, for the banner and messages
 * @param escape     the detach key (terminal mode only)
 * @param mode       AUTO picks TERMINAL when stdin is a terminal, else PIPE
 * @param quiet      no banner and no closing notice (virsh {@code -q})
 * @param drainQuiet pipe mode, after the end of stdin: stop once the guest has been silent this long
 * @param drainMax   pipe mode, after the end of stdin: stop after this long at the latest
 */
public record ConsoleOptions(String domain, EscapeKey escape, Mode mode, boolean quiet, InputStream stdin,
        PrintStream stdout, PrintStream stderr, Duration drainQuiet, Duration drainMax) {

    public enum Mode { AUTO, TERMINAL, PIPE }

    public ConsoleOptions {
        Objects.requireNonNull(domain);
        Objects.requireNonNull(escape);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(stdin);
        Objects.requireNonNull(stdout);
        Objects.requireNonNull(stderr);
        Objects.requireNonNull(drainQuiet);
        Objects.requireNonNull(drainMax);
    }

    /** Whether the session runs in terminal mode: TERMINAL, or AUTO with standard input a terminal. */
    public boolean terminal() {
        return switch (mode) {
            case TERMINAL -> true;
            case PIPE -> false;
            case AUTO -> RawTerminal.stdinIsTerminal();
        };
    }

    /** The process's own streams, escape ^], mode AUTO, drain 1 s quiet / 10 s at most. */
    public static ConsoleOptions of(String domain) {
        return new ConsoleOptions(domain, EscapeKey.DEFAULT, Mode.AUTO, false, System.in, System.out, System.err,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    public ConsoleOptions withEscape(EscapeKey key) {
        return new ConsoleOptions(domain, key, mode, quiet, stdin, stdout, stderr, drainQuiet, drainMax);
    }

    public ConsoleOptions withMode(Mode m) {
        return new ConsoleOptions(domain, escape, m, quiet, stdin, stdout, stderr, drainQuiet, drainMax);
    }

    public ConsoleOptions withQuiet(boolean q) {
        return new ConsoleOptions(domain, escape, mode, q, stdin, stdout, stderr, drainQuiet, drainMax);
    }

    public ConsoleOptions withStreams(InputStream in, PrintStream out, PrintStream err) {
        return new ConsoleOptions(domain, escape, mode, quiet, in, out, err, drainQuiet, drainMax);
    }

    public ConsoleOptions withDrain(Duration quietFor, Duration atMost) {
        return new ConsoleOptions(domain, escape, mode, quiet, stdin, stdout, stderr, quietFor, atMost);
    }
}
