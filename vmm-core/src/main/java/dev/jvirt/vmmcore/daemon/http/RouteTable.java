package dev.jvirt.vmmcore.daemon.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every endpoint: method + path pattern ({@code /1.0/domains/{name}/start}) → handler. Literal
 * segments win over parameters, so {@code POST /1.0/domains/create} is not a domain called
 * "create". A path that matches with another method gives {@code method-not-allowed}.
 */
public final class RouteTable {

    /** One endpoint; {@code mutating} ones are logged with the peer's uid. */
    public record Route(HttpMethod method, String pattern, List<String> segments, Handler handler, boolean mutating) {
    }

    /** A route that matched, with its decoded path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public RouteTable get(String pattern, Handler h) {
        return add(HttpMethod.GET, pattern, h, false);
    }

    public RouteTable post(String pattern, Handler h) {
        return add(HttpMethod.POST, pattern, h, true);
    }

    public RouteTable put(String pattern, Handler h) {
        return add(HttpMethod.PUT, pattern, h, true);
    }

    public RouteTable delete(String pattern, Handler h) {
        return add(HttpMethod.DELETE, pattern, h, true);
    }

    /** A POST that changes nothing (e.g. a conversion). */
    public RouteTable postQuery(String pattern, Handler h) {
        return add(HttpMethod.POST, pattern, h, false);
    }

    private RouteTable add(HttpMethod method, String pattern, Handler h, boolean mutating) {
        routes.add(new Route(method, pattern, split(pattern), h, mutating));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The route for {@code method} and the raw (still encoded) {@code path}; throws not-found or method-not-allowed. */
    public Match find(HttpMethod method, String path) {
        List<String> segs = split(path);
        Match best = null;
        int bestLiterals = -1;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = match(r.segments(), segs);
            if (params == null) {
                continue;
            }
            if (!r.method().equals(method)) {
                allowed.add(r.method().name());
                continue;
            }
            int literals = r.segments().size() - params.size();
            if (literals > bestLiterals) {
                best = new Match(r, params);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return best;
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    method.name() + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed), null, null);
        }
        throw new ApiException(HttpResponseStatus.NOT_FOUND, "not-found", "no such endpoint: " + path,
                "docs/api.md lists the endpoints of API 1.0", null);
    }

    private static Map<String, String> match(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = path.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                String value = decode(s);
                if (value == null || value.isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), value);
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> split(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
