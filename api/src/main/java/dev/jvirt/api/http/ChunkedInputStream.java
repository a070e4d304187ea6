package dev.jvirt.api.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of a {@code Transfer-Encoding: chunked} answer, as the bytes it carries. */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("jvirtd closed the connection inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            HttpWire.readLine(in); // the CRLF after the chunk
        }
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        if (remaining > 0) {
            return true;
        }
        String line = HttpWire.readLine(in);
        if (line == null) {
            done = true;
            return false;
        }
        int semi = line.indexOf(';');
        String size = (semi < 0 ? line : line.substring(0, semi)).trim();
        try {
            remaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size from jvirtd: '" + line + "'");
        }
        if (remaining == 0) {
            while (true) { // trailers up to the empty line
                String trailer = HttpWire.readLine(in);
                if (trailer == null || trailer.isEmpty()) {
                    break;
                }
            }
            done = true;
            return false;
        }
        return true;
    }
}
