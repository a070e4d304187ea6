package dev.jvirt.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected channel as a byte stream each way: the one adapter of this client (requests,
 * answers, and the console's frames after a 101). Unlike {@code Channels.newInputStream}, reads
 * and writes do not share a lock, so one thread can read while another writes.
 */
public final class ChannelStreams {

    private ChannelStreams() {
    }

    public static InputStream input(SocketChannel ch) {
        return new In(ch);
    }

    /** Writes everything it is given; {@code close()} shuts the channel's output down (the peer sees end of stream). */
    public static OutputStream output(SocketChannel ch) {
        return new Out(ch);
    }

    private static final class In extends InputStream {
        private final SocketChannel ch;

        In(SocketChannel ch) {
            this.ch = ch;
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
            int n = ch.read(ByteBuffer.wrap(b, off, len));
            return n < 0 ? -1 : n;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    private static final class Out extends OutputStream {
        private final SocketChannel ch;

        Out(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }

        @Override
        public void close() throws IOException {
            if (ch.isOpen()) {
                ch.shutdownOutput();
            }
        }
    }
}
