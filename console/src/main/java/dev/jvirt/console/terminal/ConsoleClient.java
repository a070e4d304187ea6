package dev.jvirt.console.terminal;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import dev.jvirt.console.stream.ConsoleFrameReader;
import dev.jvirt.console.stream.FrameType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code jvirsh console}'s end: runs one console session over a stream connected to the daemon's
 * console endpoint (frames of {@link dev.jvirt.console.stream.ConsoleFrame}) and returns the exit
 * status. With a terminal on stdin it prints virsh's banner, puts the terminal in raw mode, sends
 * keystrokes and shows output until the escape key, the guest stopping, the connection ending or a
 * signal, and restores the terminal on each. Without one (pipe mode) it copies stdin to the guest
 * and output to stdout, and ends after stdin's end once the guest has been quiet briefly.
 *
 * <p>Exit status: 0 after the escape key, the end of input, or the guest stopping; 1 when the
 * session was taken over, dropped, closed by the daemon or the connection was lost; 130 on SIGINT.
 */
public final class ConsoleClient {

    private final ConsoleOptions options;
    private final ConsoleFrameReader frames;
    private final OutputStream toDaemon;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private volatile long lastOutputNanos = System.nanoTime();
    private volatile PrintStream screen;

    private ConsoleClient(ConsoleOptions options, InputStream fromDaemon, OutputStream toDaemon) {
        this.options = options;
        this.frames = new ConsoleFrameReader(fromDaemon);
        this.toDaemon = toDaemon;
    }

    /** How a session ended, as seen by the client. */
    private record Outcome(CloseReason reason, String message, int status) {
    }

    /** Runs a session; {@code fromDaemon}/{@code toDaemon} are closed when it returns. */
    public static int run(ConsoleOptions options, InputStream fromDaemon, OutputStream toDaemon) {
        return new ConsoleClient(options, fromDaemon, toDaemon).run(fromDaemon);
    }

    private int run(InputStream fromDaemon) {
        boolean terminal = options.terminal();
        PrintStream out = options.stdout();
        PrintStream notices = terminal ? out : options.stderr();
        if (!options.quiet()) {
            notices.print("Connected to domain '" + options.domain() + "'\n");
            notices.print("Escape character is " + options.escape().describe() + "\n");
            notices.flush();
        }
        screen = out;
        Outcome outcome;
        RawTerminal raw = null;
        try {
            if (terminal) {
                raw = RawTerminal.enter(() -> done.complete(new Outcome(null, "interrupted", 130)));
            }
            start("console-output", this::copyOutput);
            boolean tty = terminal;
            start("console-input", () -> copyInput(tty));
            outcome = await();
        } catch (IOException e) {
            outcome = new Outcome(null, "error: cannot set up the terminal: " + e.getMessage(), 1);
        } finally {
            if (raw != null) {
                raw.close();
            }
        }
        if (outcome.reason() == null || outcome.reason() == CloseReason.DETACHED) {
            sendQuietly(ConsoleFrame.detach());
        }
        closeQuietly(toDaemon);
        closeQuietly(fromDaemon);
        report(outcome, terminal ? out : options.stderr(), terminal);
        return outcome.status();
    }

    private void report(Outcome outcome, PrintStream to, boolean terminal) {
        if (outcome.status() == 0 && outcome.reason() == CloseReason.GUEST_STOPPED && !options.quiet()) {
            to.print("\n" + outcome.message() + "\n");
        } else if (outcome.status() != 0) {
            String m = outcome.message();
            to.print("\n" + (m.startsWith("error:") || m.equals("interrupted") ? "" : "error: ") + m + "\n");
        } else if (terminal) {
            to.print("\n"); // virsh ends the line it left the cursor on when detaching
        }
        to.flush();
    }

    private Outcome await() {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", 130);
        } catch (ExecutionException e) {
            return new Outcome(null, "error: " + e.getCause(), 1);
        }
    }

    private void copyOutput() {
        try {
            for (ConsoleFrame f; (f = frames.read()) != null; ) {
                if (f.type() == FrameType.DATA) {
                    lastOutputNanos = System.nanoTime();
                    screen.write(f.payload(), 0, f.payload().length);
                    screen.flush();
                } else if (f.type() == FrameType.CLOSED) {
                    CloseReason r = f.reason();
                    done.complete(new Outcome(r, f.message().isEmpty() ? r.describe(options.domain()) : f.message(),
                            r.exitStatus()));
                    return;
                }
            }
            done.complete(new Outcome(null, "error: the connection to jvirtd closed", 1));
        } catch (IOException | RuntimeException e) {
            done.complete(new Outcome(null, "error: lost the connection to jvirtd: " + e.getMessage(), 1));
        }
    }

    private void copyInput(boolean terminal) {
        byte[] buf = new byte[4096];
        try {
            while (!done.isDone()) {
                int n = options.stdin().read(buf);
                if (n < 0) {
                    break;
                }
                int esc = terminal ? options.escape().find(buf, 0, n) : -1;
                int forward = esc < 0 ? n : esc;
                if (forward > 0) {
                    byte[] chunk = new byte[forward];
                    System.arraycopy(buf, 0, chunk, 0, forward);
                    send(ConsoleFrame.data(chunk));
                }
                if (esc >= 0) {
                    done.complete(new Outcome(CloseReason.DETACHED, null, 0));
                    return;
                }
            }
            if (!terminal) {
                drainThenEnd();
            } else {
                done.complete(new Outcome(CloseReason.DETACHED, null, 0));
            }
        } catch (IOException e) {
            done.complete(new Outcome(null, "error: lost the connection to jvirtd: " + e.getMessage(), 1));
        }
    }

    /** After the end of piped input: wait until the guest has been quiet a moment (bounded), then detach. */
    private void drainThenEnd() {
        long eof = System.nanoTime();
        long quiet = options.drainQuiet().toNanos();
        long max = options.drainMax().toNanos();
        try {
            while (!done.isDone()) {
                long now = System.nanoTime();
                if (now - Math.max(eof, lastOutputNanos) >= quiet || now - eof >= max) {
                    done.complete(new Outcome(CloseReason.DETACHED, null, 0));
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(ConsoleFrame frame) throws IOException {
        synchronized (toDaemon) {
            ConsoleFrameEncoder.write(toDaemon, frame);
            toDaemon.flush();
        }
    }

    private void sendQuietly(ConsoleFrame frame) {
        try {
            send(frame);
        } catch (IOException e) {
            // the daemon is gone: nothing to tell it
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
