package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonException;
import dev.jvirt.api.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every failure's body: {@code {"error":{"code","message","hint"}}}, {@code hint} only when there is
 * one, and further fields for some codes (QMP's {@code class} and {@code desc} for {@code qemu-error}).
 *
 * @param details the further fields, in order (empty for most codes)
 */
public record ApiError(String code, String message, String hint, Map<String, Object> details) implements Shape {

    public ApiError(String code, String message, String hint) {
        this(code, message, hint, Map.of());
    }

    /** Reads an error body; null when {@code body} is not one (not JSON, or no {@code error} object). */
    public static ApiError parse(byte[] body) {
        try {
            Object parsed = Json.parse(body);
            if (!(parsed instanceof Map) || !(((Map<?, ?>) parsed).get("error") instanceof Map)) {
                return null;
            }
            return from(JsonObject.of(parsed));
        } catch (JsonException notJson) {
            return null;
        }
    }

    public static ApiError from(JsonObject o) {
        JsonObject e = o.object("error");
        Map<String, Object> details = new LinkedHashMap<>(e.asMap());
        details.remove("code");
        details.remove("message");
        details.remove("hint");
        return new ApiError(e.string("code"), e.string("message"), e.string("hint"), details);
    }

    /** A further field (such as {@code class}), or the fallback. */
    public String detail(String key, String fallback) {
        Object v = details.get(key);
        return v == null ? fallback : v.toString();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> error = Json.object("code", code, "message", message);
        if (hint != null) {
            error.put("hint", hint);
        }
        error.putAll(details);
        return Json.object("error", error);
    }
}
