package dev.jvirt.virshcompat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Requests to jvirtd with its error objects decoded into {@link ApiException}s. The first request
 * of a session URI starts the session daemon when none answers.
 */
public final class ApiTransport {

    private static final Map<String, String> JSON_BODY = Map.of("Content-Type", "application/json", "Connection", "close");
    private static final Map<String, String> NO_BODY = Map.of("Connection", "close");

    private final ConnectUri uri;
    private final UnixHttpClient http;
    private final Env env;
    private boolean reachable;

    public ApiTransport(ConnectUri uri, Env env) {
        this.uri = uri;
        this.http = new UnixHttpClient(uri.socket());
        this.env = env;
    }

    public ConnectUri uri() {
        return uri;
    }

    public Object get(String path) {
        return Json.parse(body(open("GET", path, NO_BODY, null)));
    }

    public JsonObject getObject(String path) {
        return JsonObject.of(get(path));
    }

    public String getText(String path) {
        return new String(body(open("GET", path, NO_BODY, null)), StandardCharsets.UTF_8);
    }

    /** Sends a JSON body (or none) and answers the JSON object that comes back (empty if none). */
    public JsonObject send(String method, String path, Map<String, Object> body) {
        byte[] answer = body(open(method, path, body == null ? NO_BODY : JSON_BODY, body == null ? null : Json.write(body)));
        return answer.length == 0 ? new JsonObject(Map.of()) : JsonObject.of(Json.parse(answer));
    }

    /** Sends a request and answers the open response; a non-2xx, non-101 answer throws its error. */
    public HttpResponse open(String method, String path, Map<String, String> headers, byte[] body) {
        HttpResponse response = exchange(method, path, headers, body);
        if (response.ok() || response.status() == 101) {
            return response;
        }
        try (response) {
            throw decodeError(response.status(), response.readBody());
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private HttpResponse exchange(String method, String path, Map<String, String> headers, byte[] body) {
        try {
            try {
                HttpResponse r = http.exchange(method, path, headers, body);
                reachable = true;
                return r;
            } catch (UnixHttpClient.NotListening e) {
                if (reachable || uri.system() || uri.explicitSocket()) {
                    throw notListening(e);
                }
                new SessionDaemon(env).start(http);
                reachable = true;
                return http.exchange(method, path, headers, body);
            }
        } catch (UnixHttpClient.NotListening e) {
            throw notListening(e);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private static byte[] body(HttpResponse response) {
        try (response) {
            return response.readBody();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Decodes {@code {"error":{"code","message","hint"}}}; anything else still gives a readable error. */
    static ApiException decodeError(int status, byte[] body) {
        try {
            JsonObject error = JsonObject.of(Json.parse(body)).object("error");
            return new ApiException(status, error.string("code"), error.string("message"), error.string("hint"), error);
        } catch (JvirshException notAnErrorObject) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return new ApiException(status, status == 404 ? "not-found" : "internal",
                    "jvirtd answered HTTP " + status + (text.isEmpty() ? "" : ": " + text), null);
        }
    }

    private ConnectException notListening(IOException e) {
        String hint = uri.system()
                ? "is the system daemon running? Start it as root with: jvirtd --system; or use your own: -c " + ConnectUri.SESSION
                : "is a session daemon running for this user? jvirtd --session starts one";
        return new ConnectException("Failed to connect socket to '" + uri.socket() + "': " + e.getMessage(), hint, e);
    }

    private static JvirshException lost(IOException e) {
        return new JvirshException("lost the connection to jvirtd: " + e.getMessage(), e);
    }
}
