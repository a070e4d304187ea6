package dev.jvirt.vmmcore.daemon.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * One API request as a handler sees it: path parameters by name (decoded), query parameters,
 * the body, and who sent it.
 */
public record Request(HttpMethod method, String path, Map<String, String> params,
                      Map<String, List<String>> query, HttpHeaders headers, byte[] body, Peer peer) {

    /** A path parameter, e.g. {@code name} of {@code /1.0/domains/{name}}. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return v;
    }

    /** A query parameter, or {@code fallback}. */
    public String query(String name, String fallback) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(v.size() - 1);
    }

    /** A boolean query parameter ({@code true}/{@code false}, or present without a value: true). */
    public boolean queryFlag(String name) {
        String v = query(name, null);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("query parameter '" + name + "' must be true or false, not '" + v + "'");
        };
    }

    public com.fasterxml.jackson.databind.node.ObjectNode json() {
        return Json.parseBody(body);
    }

    /**
     * The domain definition sent: the body itself when it is {@code application/xml} (or
     * {@code text/xml}) — checked as UTF-8 with the offset, line and column of the first bad byte —
     * else the {@code xml} field of a JSON body.
     */
    public String definitionXml() {
        if (xmlBody()) {
            return Utf8.decode(body, "the definition", "invalid-definition");
        }
        return Json.requiredText(json(), "xml");
    }

    /** Whether the body is XML ({@code application/xml} or {@code text/xml}) rather than JSON. */
    public boolean xmlBody() {
        String type = headers.get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE);
        return type != null && (type.startsWith("application/xml") || type.startsWith("text/xml"));
    }
}
