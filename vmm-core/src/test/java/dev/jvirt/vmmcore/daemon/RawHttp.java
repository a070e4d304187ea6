package dev.jvirt.vmmcore.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One raw connection to jvirtd: bytes written as given, answers read one by one (Content-Length bodies). */
final class RawHttp implements AutoCloseable {
    final SocketChannel ch;
    private final InputStream in;

    private final Thread watchdog;

    /** A connection that is closed after 60 s whatever happens, so a test waiting on it fails instead of hanging. */
    RawHttp(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        in = Channels.newInputStream(ch);
        watchdog = new Thread(() -> {
            try {
                Thread.sleep(60_000);
                ch.close();
            } catch (InterruptedException | IOException e) {
                // closed by the test
            }
        }, "raw-http-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** The next answer, or null when the daemon closed the connection first. */
    Answer read() throws IOException {
        String status = line();
        if (status == null) {
            return null;
        }
        Map<String, String> headers = new TreeMap<>();
        String l;
        while ((l = line()) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int n = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers,
                new String(in.readNBytes(n), StandardCharsets.UTF_8));
    }

    /** True when the daemon has closed the connection (EOF), reading what is left. */
    boolean closedByPeer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        watchdog.interrupt();
        ch.close();
    }
}
