package dev.jvirt.qmpclient;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link QmpRequest} as {@code {"execute": ..., "arguments": ..., "id": N}\r\n}.
 *
 * <p>Not a pipeline handler: commands are encoded on the calling thread, which then writes them
 * itself ({@link CommandWriter}); the event loop only ever sees the bytes.
 */
public final class QmpMessageEncoder {
    private static final Logger log = LoggerFactory.getLogger(QmpMessageEncoder.class);

    private final ObjectMapper mapper;
    private final String peer;

    public QmpMessageEncoder(ObjectMapper mapper, String peer) {
        this.mapper = mapper;
        this.peer = peer;
    }

    /** The command's bytes in a new direct buffer from {@code alloc} (the caller releases it). */
    ByteBuf encode(QmpRequest request, ByteBufAllocator alloc) throws IOException {
        ByteBuf out = alloc.directBuffer(64);
        try {
            write(mapper, request, out);
        } catch (IOException | RuntimeException e) {
            out.release();
            throw e;
        }
        if (log.isDebugEnabled()) {
            log.debug("{} -> {}", peer, out.toString(0, out.writerIndex() - 2, StandardCharsets.UTF_8));
        }
        return out;
    }

    static void write(ObjectMapper mapper, QmpRequest request, ByteBuf out) throws IOException {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out);
             JsonGenerator json = mapper.getFactory().createGenerator((OutputStream) stream, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("execute", request.command());
            if (request.arguments() != null && !request.arguments().isEmpty()) {
                json.writeFieldName("arguments");
                mapper.writeTree(json, request.arguments());
            }
            json.writeNumberField("id", request.id());
            json.writeEndObject();
        }
        out.writeByte('\r').writeByte('\n');
    }
}
