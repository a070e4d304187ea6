package dev.jvirt.virshcompat.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An attacker's fake jvirtd for ForeignSocketTest, run as another user (JDK classes only, so it
 * runs from a copy of this one class file): serves {@code args[0]}, answers any request with a
 * fake domain list, and appends to {@code args[1]} how many bytes each connection sent it. It
 * writes {@code planted-ready} beside the socket once it listens.
 */
public final class PlantedDaemon {

    private PlantedDaemon() {
    }

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        Path record = Path.of(args[1]);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            // the socket file exists from bind(2) on, before listen(2): say when connections are taken
            Files.writeString(socket.resolveSibling("planted-ready"), "listening\n");
            while (true) {
                try (SocketChannel ch = server.accept()) {
                    InputStream in = Channels.newInputStream(ch);
                    byte[] head = new byte[65536];
                    int n = 0;
                    while (n < head.length) {
                        int r = in.read(head, n, head.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                        if (new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                            break;
                        }
                    }
                    Files.writeString(record, n + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (n > 0) {
                        String body = "[{\"id\":1,\"name\":\"attacker\",\"uuid\":\"0\",\"state\":\"running\",\"reason\":\"booted\","
                                + "\"persistent\":true,\"autostart\":false}]";
                        ch.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
                    }
                } catch (IOException e) {
                    // the client went away
                }
            }
        }
    }
}
