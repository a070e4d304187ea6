package dev.jvirt.api;

import java.util.Map;

/**
 * One JSON shape of docs/api.md as a record: {@link #toJson()} is what goes on the wire, and each
 * record's static {@code from(JsonObject)} reads it back. jvirtd writes with the one, jvirsh reads
 * with the other, and ShapeContractTest holds them to each other and to docs/api.md.
 */
public interface Shape {

    /** The JSON object, as a map in the field order of docs/api.md (null values are JSON nulls). */
    Map<String, Object> toJson();
}
