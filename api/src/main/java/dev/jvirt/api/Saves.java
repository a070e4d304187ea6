package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.Map;

/** Save images, managed saves and domain jobs (docs/api.md, "Save, restore and jobs"). */
public final class Saves {

    private Saves() {
    }

    private static Boolean optionalBool(JsonObject o, String key) {
        return o.has(key) && o.raw(key) != null ? o.bool(key) : null;
    }

    /**
     * {@code POST /1.0/domains/NAME/save}: {@code file} absolute; {@code xml} another definition to
     * store (or null); {@code running} the state a restore gives it (null: as it was).
     */
    public record Save(String file, String xml, Boolean running) implements Shape {
        public static Save from(JsonObject o) {
            return new Save(o.string("file"), o.string("xml"), optionalBool(o, "running"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("file", file, "xml", xml, "running", running);
        }
    }

    /** {@code POST /1.0/restore}: {@code paused} null means the state the image says. */
    public record Restore(String file, String xml, Boolean paused) implements Shape {
        public static Restore from(JsonObject o) {
            return new Restore(o.string("file"), o.string("xml"), optionalBool(o, "paused"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("file", file, "xml", xml, "paused", paused);
        }
    }

    /** {@code GET /1.0/domains/NAME/managed-save}: whether the domain has a managed save image. */
    public record ManagedSave(boolean exists) implements Shape {
        public static ManagedSave from(JsonObject o) {
            return new ManagedSave(o.bool("exists"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("exists", exists);
        }
    }

    /** {@code GET /1.0/domains/NAME/job}: domjobinfo's fields (bytes, milliseconds). */
    public record Job(String type, String operation, long elapsedMs, long dataTotal, long dataProcessed, long dataRemaining,
                      long memoryBps, String error) implements Shape {
        public static Job from(JsonObject o) {
            return new Job(o.string("type"), o.string("operation"), o.number("elapsed_ms", 0), o.number("data_total", 0),
                    o.number("data_processed", 0), o.number("data_remaining", 0), o.number("memory_bps", 0), o.string("error"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("type", type, "operation", operation, "elapsed_ms", elapsedMs, "data_total", dataTotal,
                    "data_processed", dataProcessed, "data_remaining", dataRemaining, "memory_bps", memoryBps, "error", error);
        }
    }
}
