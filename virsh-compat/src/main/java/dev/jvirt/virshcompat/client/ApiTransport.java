package dev.jvirt.virshcompat.client;

import dev.jvirt.api.ApiError;
import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.api.http.PeerCredentials;
import dev.jvirt.api.http.UnixHttpClient;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.api.unix.TrustedDirectory;
import dev.jvirt.api.unix.UntrustedPathException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Requests to jvirtd with its error objects decoded into {@link ApiException}s. Before the first
 * byte goes out, jvirsh makes sure it talks to its own daemon: the socket's directory (unless
 * {@code ?socket=} named it) is one no other user could have prepared, and the process serving
 * the socket (SO_PEERCRED) is the user's own or root's. The first request of a session URI
 * starts the session daemon when none answers.
 */
public final class ApiTransport {

    private static final Map<String, String> JSON_BODY = Map.of("Content-Type", "application/json", "Connection", "close");
    private static final Map<String, String> NO_BODY = Map.of("Connection", "close");

    private final ConnectUri uri;
    private final UnixHttpClient http;
    private final Env env;
    private final PrintWriter trace;
    private boolean reachable;
    private boolean dirChecked;

    public ApiTransport(ConnectUri uri, Env env) {
        this(uri, env, null);
    }

    /** {@code trace}: where each API call is told ({@code jvirsh --verbose}: stderr), or null. */
    public ApiTransport(ConnectUri uri, Env env, PrintWriter trace) {
        this.uri = uri;
        this.http = new UnixHttpClient(uri.socket(), "jvirsh", new OwnDaemonOnly(uri, env.uid()));
        this.env = env;
        this.trace = trace;
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
            throw decodeError(response.status(), response.reason(), response.readBody(), body == null ? 0 : body.length);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private HttpResponse exchange(String method, String path, Map<String, String> headers, byte[] body) {
        if (trace == null) {
            return exchangeOnce(method, path, headers, body);
        }
        trace.println("jvirsh: " + method + " " + path + (body == null ? "" : " (" + body.length + " bytes)")
                + " on " + uri.socket());
        trace.flush();
        long start = System.nanoTime();
        try {
            HttpResponse r = exchangeOnce(method, path, headers, body);
            trace.printf("jvirsh: -> %d %s (%.1f ms)%n", r.status(), r.reason(), (System.nanoTime() - start) / 1e6);
            return r;
        } catch (RuntimeException e) {
            trace.printf("jvirsh: -> failed: %s (%.1f ms)%n", e.getMessage(), (System.nanoTime() - start) / 1e6);
            throw e;
        } finally {
            trace.flush();
        }
    }

    private HttpResponse exchangeOnce(String method, String path, Map<String, String> headers, byte[] body) {
        checkDirectory();
        try {
            try {
                HttpResponse r = http.exchange(method, path, headers, body);
                reachable = true;
                return r;
            } catch (UnixHttpClient.NotListening e) {
                if (reachable || uri.system() || uri.explicitSocket()) {
                    throw notListening(e);
                }
                if (trace != null) {
                    trace.println("jvirsh: no session daemon answers: starting one");
                }
                new SessionDaemon(env).start(http, uri.socket().getParent());
                reachable = true;
                return http.exchange(method, path, headers, body);
            }
        } catch (UnixHttpClient.NotListening e) {
            throw notListening(e);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** The directory of a default socket ($XDG_RUNTIME_DIR/jvirt, /tmp/jvirt-$UID, /run/jvirt) must be one we can trust. */
    private void checkDirectory() {
        if (dirChecked || uri.explicitSocket()) {
            return;
        }
        checkDirectory(uri.socket().getParent(), uri.system() ? 0 : env.uid(), !uri.system());
        dirChecked = true;
    }

    /** Refuses a socket directory that another user could have prepared; one that does not exist passes. */
    static void checkDirectory(Path dir, int owner, boolean privateMode) {
        try {
            TrustedDirectory.check(dir, owner, privateMode);
        } catch (UntrustedPathException e) {
            throw new ConnectException("refusing to use " + dir + ": " + e.getMessage(), e.fix(), e);
        } catch (IOException e) {
            throw new ConnectException("cannot check " + dir + ": " + e.getMessage(), null, e);
        }
    }

    private static byte[] body(HttpResponse response) {
        try (response) {
            return response.readBody();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Decodes {@code {"error":{"code","message","hint"}}}; anything else (an answer from the HTTP
     * layer, such as a 413 without a body) still says what happened.
     */
    static ApiException decodeError(int status, String reason, byte[] body, int sent) {
        ApiError error = ApiError.parse(body);
        if (error != null) {
            return new ApiException(status, error);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String message = "jvirtd answered HTTP " + status
                + (!text.isEmpty() ? ": " + text : reason == null || reason.isEmpty() ? "" : " " + reason);
        if (status == 413) {
            return new ApiException(status, "bad-request", message + " (the request was " + sent + " bytes)",
                    "jvirtd refuses request bodies over its limit (docs/api.md): make the definition smaller");
        }
        return new ApiException(status, status == 404 ? "not-found" : "internal", message, null);
    }

    static ApiException decodeError(int status, byte[] body) {
        return decodeError(status, "", body, 0);
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

    /** Refuses a socket that is served by neither this user nor root (SO_PEERCRED), before anything is sent. */
    private static final class OwnDaemonOnly implements UnixHttpClient.PeerCheck {
        private final ConnectUri uri;
        private final int uid;

        OwnDaemonOnly(ConnectUri uri, int uid) {
            this.uri = uri;
            this.uid = uid;
        }

        @Override
        public void check(Path socket, SocketChannel channel) throws IOException {
            if (PeerCredentials.servedBy(channel, uid)) {
                return;
            }
            String peer = PeerCredentials.user(channel).getName();
            throw new ConnectException("refusing " + socket + ": it is served by user '" + peer + "', not by "
                    + (uid == 0 ? "root" : "you (uid " + uid + ") or root") + "; nothing was sent",
                    uri.explicitSocket() ? "check what listens on " + socket
                            : "another user serves a daemon on your socket path: remove " + socket.getParent()
                                    + " (as root), or set XDG_RUNTIME_DIR to a directory of your own");
        }
    }
}
