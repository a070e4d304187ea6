package dev.jvirt.console.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code jvirsh console --log NAME [--follow]}: copies the console log the daemon streams
 * (raw bytes, as {@link dev.jvirt.console.hub.ConsoleLogReader} produces them) to stdout as it
 * arrives, until the stream ends (when following: until the daemon ends it or the user stops jvirsh).
 */
public final class ConsoleLogPrinter {

    private ConsoleLogPrinter() {
    }

    /** Returns the bytes printed. */
    public static long print(InputStream log, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = log.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
            total += n;
        }
        return total;
    }
}
