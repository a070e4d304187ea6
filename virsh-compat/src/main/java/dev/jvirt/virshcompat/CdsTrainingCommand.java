package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code jvirsh __cds-training} (hidden): what the build runs under {@code JVIRT_CDS=dump} so the
 * class-data-sharing archive holds the classes a real command loads (client, JSON, formatting),
 * not only those of --help. It runs list, dominfo, domstate and dumpxml against canned answers
 * from a socket of its own, builds the full command model, prints nothing and exits 0.
 */
@Command(name = CdsTrainingCommand.NAME, hidden = true, description = "Exercise the common paths for the CDS archive.")
final class CdsTrainingCommand extends JvirshCommand {

    static final String NAME = "__cds-training";

    private static final String DOMAINS = "[{\"id\":1,\"name\":\"web1\",\"uuid\":\"7cda699a-4596-4392-8afa-c56a3e764cfd\","
            + "\"state\":\"running\",\"reason\":\"booted\",\"persistent\":true,\"autostart\":false},{\"id\":null,"
            + "\"name\":\"db\",\"uuid\":\"05b5cbd9-6e4c-4306-a2ca-0b84eeaaccb8\",\"state\":\"shut off\",\"reason\":\"shutdown\","
            + "\"persistent\":true,\"autostart\":true}]";
    private static final String INFO = "{\"id\":1,\"name\":\"web1\",\"uuid\":\"7cda699a-4596-4392-8afa-c56a3e764cfd\","
            + "\"os_type\":\"hvm\",\"state\":\"running\",\"reason\":\"booted\",\"vcpus\":1,\"cpu_time_ns\":1000000000,"
            + "\"max_memory_kib\":131072,\"used_memory_kib\":131072,\"persistent\":true,\"autostart\":false}";

    @Override
    protected void execute() throws Exception {
        Path dir = Files.createTempDirectory("jvirsh-cds");
        Path socket = dir.resolve("s");
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread answering = new Thread(() -> serve(server), "cds-training");
            answering.setDaemon(true);
            answering.start();
            String uri = "vmm:///session?socket=" + socket;
            String[][] runs = {{"list", "--all"}, {"list", "--all", "--name"}, {"dominfo", "web1"},
                {"domstate", "--reason", "web1"}, {"dumpxml", "web1"}, {"dominfo", "nosuch"}};
            for (String[] run : runs) {
                String[] args = new String[run.length + 2];
                args[0] = "-c";
                args[1] = uri;
                System.arraycopy(run, 0, args, 2, run.length);
                Jvirsh.run(Env.system(), InputStream.nullInputStream(), nowhere, nowhere, args);
            }
            Jvirsh.run(Env.system(), InputStream.nullInputStream(), nowhere, nowhere, "--help");
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void serve(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(8192);
                while (!new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                        && ch.read(in) > 0) {
                    // read the request head (bodies are not needed)
                }
                String head = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
                String target = head.split(" ", 3).length > 1 ? head.split(" ", 3)[1] : "/";
                answer(Channels.out(ch), target);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(OutputStream out, String target) throws IOException {
        int status = 200;
        String type = "application/json";
        String body;
        if (target.equals("/1.0/domains")) {
            body = DOMAINS;
        } else if (target.equals("/1.0/domains/web1")) {
            body = INFO;
        } else if (target.equals("/1.0/domains/web1/state")) {
            body = "{\"state\":\"running\",\"reason\":\"booted\"}";
        } else if (target.equals("/1.0/domains/web1/xml")) {
            type = "application/xml";
            body = "<domain type='qemu'>\n  <name>web1</name>\n</domain>\n";
        } else {
            status = 404;
            body = "{\"error\":{\"code\":\"no-such-domain\",\"message\":\"domain 'nosuch' not found\",\"hint\":\"h\"}}";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + b.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
    }

    @Override
    protected boolean blankLine() {
        return false;
    }

    /** Writes to a channel. */
    private static final class Channels {
        static OutputStream out(SocketChannel ch) {
            return new OutputStream() {
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
            };
        }
    }
}
