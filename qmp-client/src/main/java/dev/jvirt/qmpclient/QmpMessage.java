package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One message from QEMU, as {@link QmpMessageDecoder} types it. */
public sealed interface QmpMessage permits QmpMessage.Greeting, QmpMessage.Return, QmpMessage.Error, QmpEvent {

    /** The greeting QEMU sends on connect: {@code {"QMP": {"version": ..., "capabilities": [...]}}}. */
    record Greeting(QmpVersion version, List<String> capabilities) implements QmpMessage {
        public Greeting {
            capabilities = List.copyOf(capabilities);
        }
    }

    /** A successful reply; {@code id} is null when the reply carried none. */
    record Return(JsonNode id, JsonNode value) implements QmpMessage {
    }

    /** An error reply with QMP's {@code class} and {@code desc}; {@code id} may be null. */
    record Error(JsonNode id, String errorClass, String description) implements QmpMessage {
    }

}
