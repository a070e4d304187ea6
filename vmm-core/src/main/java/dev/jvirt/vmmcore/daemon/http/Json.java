package dev.jvirt.vmmcore.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The daemon's one JSON mapper, and request-body helpers that fail with {@code bad-request}. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** Parses a request body; an empty body is an empty object. */
    public static ObjectNode parseBody(byte[] body) {
        if (body.length == 0) {
            return object();
        }
        Utf8.check(body, "the request body", "bad-request");
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return object();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object, not " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    /** A required string field. */
    public static String requiredText(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.badRequest("missing field '" + field + "' in the request body");
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    public static String optionalText(ObjectNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    public static boolean optionalBoolean(ObjectNode body, String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("field '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    public static boolean requiredBoolean(ObjectNode body, String field) {
        if (body.get(field) == null || body.get(field).isNull()) {
            throw ApiException.badRequest("missing field '" + field + "' in the request body");
        }
        return optionalBoolean(body, field, false);
    }

    /** A non-negative integer field, or null when absent. */
    public static Long optionalCount(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 0) {
            throw ApiException.badRequest("field '" + field + "' must be a non-negative integer");
        }
        return v.longValue();
    }
}
