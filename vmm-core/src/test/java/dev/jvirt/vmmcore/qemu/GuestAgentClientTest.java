package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent client against a scripted agent on a unix socket: sync, replies, errors, silence. */
class GuestAgentClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** An agent that answers the sync (after stale bytes), then guest-ping, then errors for anything else. */
    private CompletableFuture<Void> agent(ServerSocketChannel server, boolean silent) {
        return CompletableFuture.runAsync(() -> {
            try (SocketChannel ch = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(ch);
                String line;
                while ((line = in.readLine()) != null) {
                    int brace = line.indexOf('{'); // the client's 0xFF arrives before its first request
                    String l = brace < 0 ? "" : line.substring(brace);
                    if (l.isEmpty() || silent) {
                        continue;
                    }
                    JsonNode req = JSON.readTree(l);
                    String cmd = req.path("execute").asText();
                    String reply;
                    if (cmd.equals("guest-sync-delimited")) {
                        out.write("{\"return\": 1}\n".getBytes(StandardCharsets.UTF_8)); // a stale reply first
                        out.write(0xFF);
                        reply = "{\"return\": " + req.path("arguments").path("id").asLong() + "}\n";
                    } else if (cmd.equals("guest-ping")) {
                        reply = "{\"return\": {}}\n";
                    } else {
                        reply = "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + cmd + " has not been found\"}}\n";
                    }
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (Exception e) {
                // the client went away
            }
        });
    }

    private ServerSocketChannel listen() throws Exception {
        Path sock = dir.resolve("qga.sock");
        Files.deleteIfExists(sock);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(sock));
        return s;
    }

    @Test
    void syncsThenRunsCommands() throws Exception {
        try (ServerSocketChannel server = listen()) {
            agent(server, false);
            try (GuestAgentClient c = GuestAgentClient.open(dir.resolve("qga.sock"), Duration.ofSeconds(10))) {
                assertThat(c.execute("guest-ping", null, Duration.ofSeconds(10)).isObject()).isTrue();
                assertThatThrownBy(() -> c.execute("guest-nope", JsonNodeFactory.instance.objectNode(), Duration.ofSeconds(10)))
                        .isInstanceOf(GuestAgentClient.AgentError.class).hasMessageContaining("guest-nope");
            }
        }
    }

    @Test
    void anAgentThatDoesNotAnswerIsATimeout() throws Exception {
        try (ServerSocketChannel server = listen()) {
            agent(server, true);
            assertThatThrownBy(() -> GuestAgentClient.open(dir.resolve("qga.sock"), Duration.ofMillis(300)))
                    .isInstanceOf(GuestAgentClient.Timeout.class).hasMessageContaining("did not answer");
        }
    }

    @Test
    void noSocketIsAnIoError() {
        assertThatThrownBy(() -> GuestAgentClient.open(dir.resolve("none.sock"), Duration.ofSeconds(1)))
                .isInstanceOf(java.io.IOException.class).isNotInstanceOf(GuestAgentClient.Timeout.class);
    }
}
