package dev.jvirt.console.terminal;

import java.io.IOException;
import java.util.EnumSet;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.ControlFlag;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

/**
 * The user's terminal in raw mode for the time of a console session, through JLine. Raw as
 * virsh makes it (cfmakeraw): unlike JLine's {@code enterRawMode()} it also turns off ISIG and
 * OPOST, so Ctrl+C, Ctrl+Z and Ctrl+\ go to the guest and the guest's CR/LF pass unchanged.
 * {@link #restore()} puts back the attributes found at the start; it runs on every way out: the
 * caller's finally, SIGINT/SIGQUIT (JLine handlers, which also end the session) and a shutdown
 * hook for SIGTERM/SIGHUP.
 */
final class RawTerminal implements AutoCloseable {

    private final Terminal terminal;
    private final Attributes original;
    private final Thread hook;
    private boolean restored;

    private RawTerminal(Terminal terminal, Runnable onSignal) {
        this.terminal = terminal;
        this.original = terminal.getAttributes();
        this.hook = new Thread(this::restore, "console-restore-terminal");
        Runtime.getRuntime().addShutdownHook(hook);
        Terminal.SignalHandler end = s -> {
            restore();
            onSignal.run();
        };
        terminal.handle(Terminal.Signal.INT, end);
        terminal.handle(Terminal.Signal.QUIT, end);
        terminal.setAttributes(raw(original));
    }

    /** Puts the system terminal in raw mode; {@code onSignal} runs (after restoring) on SIGINT or SIGQUIT. */
    static RawTerminal enter(Runnable onSignal) throws IOException {
        // The exec provider (stty) changes only the flags that differ. JLine's JNI provider
        // rebuilds c_cflag from the flags it models and drops the speed bits (CBAUD): after a
        // restore, `stty -g` would differ from before (TerminalConsoleIT caught 38400 → 0 baud).
        Terminal t = TerminalBuilder.builder().system(true).provider("exec").nativeSignals(true).dumb(false)
                .build();
        return new RawTerminal(t, onSignal);
    }

    /** True when standard input is a terminal (asked of JLine's native provider, else its exec provider). */
    static boolean stdinIsTerminal() {
        for (String name : new String[] {"jni", "exec"}) {
            try {
                return TerminalProvider.load(name).isSystemStream(SystemStream.Input);
            } catch (IOException | RuntimeException | LinkageError e) {
                // try the next provider
            }
        }
        return false;
    }

    /** cfmakeraw(3) in JLine's terms; VMIN 1, VTIME 0: a read returns as soon as a byte is there. */
    static Attributes raw(Attributes from) {
        Attributes a = new Attributes(from);
        a.setInputFlags(EnumSet.of(InputFlag.IGNBRK, InputFlag.BRKINT, InputFlag.PARMRK, InputFlag.ISTRIP,
                InputFlag.INLCR, InputFlag.IGNCR, InputFlag.ICRNL, InputFlag.IXON), false);
        a.setOutputFlag(OutputFlag.OPOST, false);
        a.setLocalFlags(EnumSet.of(LocalFlag.ECHO, LocalFlag.ECHONL, LocalFlag.ICANON, LocalFlag.ISIG,
                LocalFlag.IEXTEN), false);
        a.setControlFlag(ControlFlag.PARENB, false);
        a.setControlFlag(ControlFlag.CS8, true);
        a.setControlChar(ControlChar.VMIN, 1);
        a.setControlChar(ControlChar.VTIME, 0);
        return a;
    }

    /** Puts the original attributes back; idempotent, safe from any thread. */
    synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        terminal.setAttributes(original);
        terminal.flush();
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs (harmlessly) anyway
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // the attributes are back already
        }
    }
}
