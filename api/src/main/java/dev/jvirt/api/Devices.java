package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.Map;

/** A domain's devices changed while it exists (docs/api.md, {@code POST /1.0/domains/NAME/devices}). */
public final class Devices {

    private Devices() {
    }

    /**
     * Attach or detach one device: its XML (a {@code <disk>}), or for a detach its {@code target}
     * ({@code vdb}). {@code live}: the running guest; {@code config}: the stored definition; both
     * null mean virsh's {@code --current} (the guest when it runs, else the definition).
     */
    public record Change(String xml, String target, Boolean live, Boolean config) implements Shape {
        public static Change from(JsonObject o) {
            return new Change(o.string("xml"), o.string("target"), o.has("live") && o.raw("live") != null ? o.bool("live") : null,
                    o.has("config") && o.raw("config") != null ? o.bool("config") : null);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml, "target", target, "live", live, "config", config);
        }
    }

    /** The answer: {@code done} is false when a detach was asked of the guest and it has not let go yet. */
    public record Result(boolean done) implements Shape {
        public static Result from(JsonObject o) {
            return new Result(o.bool("done"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("done", done);
        }
    }
}
