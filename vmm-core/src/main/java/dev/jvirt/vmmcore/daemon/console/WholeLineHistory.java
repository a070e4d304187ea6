package dev.jvirt.vmmcore.daemon.console;

import dev.jvirt.console.hub.FrameSink;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameDecoder;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import dev.jvirt.console.stream.FrameType;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Makes a console's history start at the beginning of a line. The hub sends the last N bytes of
 * its ring, which usually begin in the middle of a line; this sink, between the session's bridge
 * and the connection, drops the output up to and including the first line feed within the
 * history (the partial line), then passes everything through unchanged. {@link #plan} asks the hub
 * for one byte more than the client wanted, so a window that begins exactly at a line start loses
 * nothing (that extra byte is the previous line's line feed).
 */
final class WholeLineHistory implements FrameSink {

    /**
     * What to ask the hub for.
     *
     * @param request history bytes for the {@link dev.jvirt.console.hub.AttachRequest}
     * @param search  how many of the first output bytes are searched for the end of a partial line (0: none)
     */
    record Plan(int request, int search) {
    }

    private final FrameSink next;
    private final ConsoleFrameDecoder decoder = new ConsoleFrameDecoder();
    private int search; // only touched by send(), which the hub calls one at a time

    WholeLineHistory(FrameSink next, int search) {
        this.next = next;
        this.search = search;
    }

    /**
     * The plan for a client that wants at most {@code wanted} bytes of history, given how much
     * the hub holds now ({@code held}, its ring) and has read from the guest since it connected.
     * When the window covers everything the hub read (nothing overwritten, no earlier log seeded),
     * it begins with the guest's first byte: nothing to cut. Otherwise the cut happens at the first
     * line feed within the history; the history is at least {@code min(request, held)} bytes long
     * (the ring only grows until full), so the search never reaches live output.
     */
    static Plan plan(int wanted, int held, long fromGuest) {
        if (wanted <= 0) {
            return new Plan(0, 0);
        }
        if (held <= wanted && fromGuest == held) {
            return new Plan(wanted, 0);
        }
        int request = wanted == Integer.MAX_VALUE ? wanted : wanted + 1;
        return new Plan(request, Math.min(request, held));
    }

    @Override
    public CompletionStage<?> send(byte[] frames) {
        if (search == 0) {
            return next.send(frames);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames.length);
        for (ConsoleFrame f : decoder.feed(frames)) {
            if (search > 0 && f.type() == FrameType.DATA) {
                byte[] p = f.payload();
                int limit = Math.min(search, p.length);
                int from = limit;
                search -= limit;
                for (int i = 0; i < limit; i++) {
                    if (p[i] == '\n') {
                        from = i + 1;
                        search = 0;
                        break;
                    }
                }
                if (from < p.length) {
                    out.writeBytes(ConsoleFrameEncoder.encodeData(p, from, p.length - from));
                }
            } else {
                search = 0;
                out.writeBytes(ConsoleFrameEncoder.encode(f));
            }
        }
        return out.size() == 0 ? CompletableFuture.completedFuture(null) : next.send(out.toByteArray());
    }

    @Override
    public void close() {
        next.close();
    }
}
