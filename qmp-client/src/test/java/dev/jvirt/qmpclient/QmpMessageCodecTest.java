package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QmpMessageCodecTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private Object decode(String line) {
        EmbeddedChannel channel = new EmbeddedChannel(new QmpMessageDecoder(mapper));
        ByteBuf in = Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
        try {
            channel.writeInbound(in);
            Object message = channel.readInbound();
            assertThat(channel.finish()).isFalse();
            return message;
        } finally {
            assertThat(in.refCnt()).isZero();
        }
    }

    @Test
    void greeting() {
        Object message = decode("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}, "
                + "\"package\": \"Debian 1:7.2\"}, \"capabilities\": [\"oob\"]}}");
        assertThat(message).isEqualTo(new QmpMessage.Greeting(new QmpVersion(7, 2, 22, "Debian 1:7.2"), java.util.List.of("oob")));
    }

    @Test
    void returnAndError() {
        QmpMessage.Return reply = (QmpMessage.Return) decode("{\"return\": {\"status\": \"running\"}, \"id\": 4}");
        assertThat(reply.id().asLong()).isEqualTo(4);
        assertThat(reply.value().path("status").asText()).isEqualTo("running");

        QmpMessage.Error error = (QmpMessage.Error) decode(
                "{\"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"Device 'x' not found\"}, \"id\": 5}");
        assertThat(error.errorClass()).isEqualTo("DeviceNotFound");
        assertThat(error.description()).isEqualTo("Device 'x' not found");
        assertThat(error.id().asLong()).isEqualTo(5);
    }

    @Test
    void event() {
        QmpEvent event = (QmpEvent) decode("{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 250}, "
                + "\"event\": \"SHUTDOWN\", \"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}");
        assertThat(event.name()).isEqualTo("SHUTDOWN");
        assertThat(event.data().path("reason").asText()).isEqualTo("guest-shutdown");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000, 250_000));
    }

    @Test
    void notJsonIsAProtocolErrorWithoutTheRawText() {
        assertThatThrownBy(() -> decode("\u0001garbage-secret"))
                .isInstanceOf(DecoderException.class).cause().isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("not valid JSON").hasMessageNotContaining("garbage-secret");
    }

    @Test
    void unknownKindIsAProtocolError() {
        assertThatThrownBy(() -> decode("{\"hello\": 1}")).cause().isInstanceOf(QmpProtocolException.class)
                .hasMessageContaining("no known kind");
        assertThatThrownBy(() -> decode("[1, 2]")).cause().isInstanceOf(QmpProtocolException.class);
    }

    @Test
    void encoderWritesCommandIdAndArgumentsThenCrlf() throws Exception {
        QmpMessageEncoder encoder = new QmpMessageEncoder(mapper, "test");
        QmpRequest request = new QmpRequest(42, "device_del", mapper.createObjectNode().put("id", "nic0"), 0, -1,
                new CompletableFuture<>());
        ByteBuf out = encoder.encode(request, UnpooledByteBufAllocator.DEFAULT);
        assertThat(out.isDirect()).as("direct, for the caller's write(2)").isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"execute\":\"device_del\",\"arguments\":{\"id\":\"nic0\"},\"id\":42}\r\n");
        assertThat(out.release()).isTrue();

        ByteBuf bare = encoder.encode(new QmpRequest(43, "query-status", null, 0, -1, new CompletableFuture<>()),
                UnpooledByteBufAllocator.DEFAULT);
        assertThat(bare.toString(StandardCharsets.UTF_8)).isEqualTo("{\"execute\":\"query-status\",\"id\":43}\r\n");
        assertThat(bare.release()).isTrue();
    }
}
