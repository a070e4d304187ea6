package dev.jvirt.qmpclient;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a {@link QmpRequest} as {@code {"execute": ..., "arguments": ..., "id": N}\r\n}. */
@ChannelHandler.Sharable
public final class QmpMessageEncoder extends MessageToByteEncoder<QmpRequest> {
    private static final Logger log = LoggerFactory.getLogger(QmpMessageEncoder.class);

    private final ObjectMapper mapper;

    public QmpMessageEncoder(ObjectMapper mapper) {
        super(QmpRequest.class);
        this.mapper = mapper;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, QmpRequest request, ByteBuf out) throws IOException {
        int start = out.writerIndex();
        write(mapper, request, out);
        if (log.isDebugEnabled()) {
            log.debug("{} -> {}", ctx.channel().remoteAddress(),
                    out.toString(start, out.writerIndex() - start - 2, StandardCharsets.UTF_8));
        }
    }

    static void write(ObjectMapper mapper, QmpRequest request, ByteBuf out) throws IOException {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out);
             JsonGenerator json = mapper.getFactory().createGenerator((java.io.OutputStream) stream, JsonEncoding.UTF8)) {
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
