package dev.jvirt.api.json;

import java.util.List;
import java.util.Map;

/** Typed reads of one parsed JSON object; a field of the wrong type is a {@link JsonException} naming it. */
public final class JsonObject {

    private final Map<String, Object> map;

    public JsonObject(Map<String, Object> map) {
        this.map = map;
    }

    /** {@code parsed} as an object; anything else is a {@link JsonException}. */
    @SuppressWarnings("unchecked")
    public static JsonObject of(Object parsed) {
        if (!(parsed instanceof Map)) {
            throw new JsonException(describe(parsed) + " where a JSON object was expected");
        }
        return new JsonObject((Map<String, Object>) parsed);
    }

    /** Parses UTF-8 text that must be one JSON object. */
    public static JsonObject parse(byte[] utf8) {
        return of(Json.parse(utf8));
    }

    public Map<String, Object> asMap() {
        return map;
    }

    /** Whether the field is there and not null. */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Object raw(String key) {
        return map.get(key);
    }

    /** The string value, or null when absent or null. Numbers and booleans are given as text. */
    public String string(String key) {
        Object v = map.get(key);
        if (v instanceof Map || v instanceof List) {
            throw new JsonException(describe(v) + " for '" + key + "' where a string was expected");
        }
        return v == null ? null : v.toString();
    }

    public String string(String key, String fallback) {
        String v = string(key);
        return v == null ? fallback : v;
    }

    /** The integer value, or null when absent or null. */
    public Long number(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new JsonException(describe(v) + " for '" + key + "' where an integer was expected");
    }

    public long number(String key, long fallback) {
        Long v = number(key);
        return v == null ? fallback : v;
    }

    /** The boolean value; false when absent or null. */
    public boolean bool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new JsonException(describe(v) + " for '" + key + "' where true or false was expected");
    }

    public JsonObject object(String key) {
        return of(map.get(key));
    }

    /** {@code parsed} as an array; anything else is a {@link JsonException}. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object parsed) {
        if (!(parsed instanceof List)) {
            throw new JsonException(describe(parsed) + " where a JSON array was expected");
        }
        return (List<Object>) parsed;
    }

    static String describe(Object v) {
        return v == null ? "null" : v instanceof Map ? "an object" : v instanceof List ? "an array"
                : v instanceof String ? "the string \"" + v + "\"" : "'" + v + "'";
    }

    @Override
    public String toString() {
        return Json.toText(map);
    }
}
