package dev.jvirt.qmpclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An asynchronous QMP event such as {@code STOP}, {@code RESUME}, {@code POWERDOWN} or
 * {@code SHUTDOWN}; {@code data} is a missing node when the event has none.
 */
public record QmpEvent(String name, JsonNode data, Instant timestamp) implements QmpMessage {
}
