package dev.jvirt.bench.daemon;

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

/** HTTP/1.1 over jvirtd's unix socket, one connection per request, as a simple client would do. */
final class ApiClient {
    private final Path socket;

    ApiClient(Path socket) {
        this.socket = socket;
    }

    record Answer(int status, String body) {
    }

    Answer call(String method, String path, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            String head = method + " " + path + " HTTP/1.1\r\nHost: jvirt\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            ByteBuffer buf = ByteBuffer.allocate(head.length() + body.length);
            buf.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            InputStream in = Channels.newInputStream(ch);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int start = text.indexOf("\r\n\r\n");
            return new Answer(status, start < 0 ? "" : text.substring(start + 4));
        }
    }

    Answer post(String path, String json) throws IOException {
        return call("POST", path, json);
    }

    Answer get(String path) throws IOException {
        return call("GET", path, null);
    }
}
