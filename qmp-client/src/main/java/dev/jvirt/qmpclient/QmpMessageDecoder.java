package dev.jvirt.qmpclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one framed JSON text (from {@link QmpFrameDecoder}) into a typed {@link QmpMessage}. */
public final class QmpMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(QmpMessageDecoder.class);
    private static final int LOGGED_CHARS = 4096;
    private static final int COPIED_BYTES = 16 * 1024;

    private final ObjectMapper mapper;

    public QmpMessageDecoder(ObjectMapper mapper) {
        super(ByteBuf.class);
        this.mapper = mapper;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (log.isDebugEnabled()) {
            log.debug("{} <- {}", ctx.channel().remoteAddress(), abbreviate(frame));
        }
        JsonNode json;
        try {
            json = read(frame);
        } catch (JsonProcessingException e) {
            throw new QmpProtocolException("QEMU sent a QMP message that is not valid JSON ("
                    + frame.readableBytes() + " bytes): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new QmpProtocolException("could not read a QMP message", e);
        }
        out.add(classify(json));
    }

    private JsonNode read(ByteBuf frame) throws IOException {
        if (frame.hasArray()) {
            return mapper.readTree(frame.array(), frame.arrayOffset() + frame.readerIndex(), frame.readableBytes());
        }
        if (frame.readableBytes() <= COPIED_BYTES) {
            // a small reply (nearly all): Jackson parses a byte[] faster than an InputStream over direct memory
            return mapper.readTree(io.netty.buffer.ByteBufUtil.getBytes(frame));
        }
        try (ByteBufInputStream in = new ByteBufInputStream(frame.duplicate())) {
            return mapper.readTree(in);
        }
    }

    /** Exposed for tests: which kind of message a parsed JSON object is. */
    static QmpMessage classify(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new QmpProtocolException("QEMU sent a QMP message that is not a JSON object");
        }
        if (json.has("QMP")) {
            JsonNode qmp = json.get("QMP");
            List<String> capabilities = new ArrayList<>();
            qmp.path("capabilities").forEach(c -> capabilities.add(c.asText()));
            return new QmpMessage.Greeting(version(qmp.path("version")), capabilities);
        }
        if (json.has("return")) {
            return new QmpMessage.Return(json.get("id"), json.get("return"));
        }
        if (json.has("error")) {
            JsonNode error = json.get("error");
            return new QmpMessage.Error(json.get("id"), error.path("class").asText("GenericError"),
                    error.path("desc").asText(""));
        }
        if (json.has("event")) {
            JsonNode ts = json.path("timestamp");
            Instant timestamp = Instant.ofEpochSecond(ts.path("seconds").asLong(), ts.path("microseconds").asLong() * 1000);
            return new QmpEvent(json.get("event").asText(), json.path("data"), timestamp);
        }
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        throw new QmpProtocolException("QEMU sent a QMP message of no known kind (keys " + keys + ")");
    }

    static QmpVersion version(JsonNode version) {
        JsonNode qemu = version.path("qemu");
        return new QmpVersion(qemu.path("major").asInt(), qemu.path("minor").asInt(), qemu.path("micro").asInt(),
                version.path("package").asText(""));
    }

    private static String abbreviate(ByteBuf frame) {
        int n = frame.readableBytes();
        if (n <= LOGGED_CHARS) {
            return frame.toString(StandardCharsets.UTF_8);
        }
        return frame.toString(frame.readerIndex(), LOGGED_CHARS, StandardCharsets.UTF_8) + "... (" + n + " bytes)";
    }
}
