package dev.jvirt.virshcompat.client;

import java.util.List;
import java.util.Map;

/** Typed reads of one JSON object from jvirtd; a missing or mistyped field is a clear error. */
public final class JsonObject {

    private final Map<String, Object> map;

    public JsonObject(Map<String, Object> map) {
        this.map = map;
    }

    @SuppressWarnings("unchecked")
    public static JsonObject of(Object parsed) {
        if (!(parsed instanceof Map)) {
            throw new JvirshException("jvirtd answered " + describe(parsed) + " where a JSON object was expected");
        }
        return new JsonObject((Map<String, Object>) parsed);
    }

    public Map<String, Object> asMap() {
        return map;
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    public Object raw(String key) {
        return map.get(key);
    }

    /** The string value, or null when absent or null. Numbers and booleans are given as text. */
    public String string(String key) {
        Object v = map.get(key);
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
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        throw new JvirshException("jvirtd answered " + describe(v) + " for '" + key + "' where a number was expected");
    }

    public long number(String key, long fallback) {
        Long v = number(key);
        return v == null ? fallback : v;
    }

    public boolean bool(String key) {
        Object v = map.get(key);
        return v instanceof Boolean && (Boolean) v;
    }

    public JsonObject object(String key) {
        return of(map.get(key));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object parsed) {
        if (!(parsed instanceof List)) {
            throw new JvirshException("jvirtd answered " + describe(parsed) + " where a JSON array was expected");
        }
        return (List<Object>) parsed;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v instanceof Map ? "an object" : v instanceof List ? "an array" : "'" + v + "'";
    }

    @Override
    public String toString() {
        return Json.toText(map);
    }
}
