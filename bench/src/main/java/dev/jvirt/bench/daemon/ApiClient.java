package dev.jvirt.bench.daemon;

import dev.jvirt.api.http.UnixHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** jvirtd's API over its unix socket, one connection per request: the project's one client (dev.jvirt.api.http), as jvirsh uses it. */
final class ApiClient {
    private static final Map<String, String> HEADERS = Map.of("Connection", "close", "Content-Type", "application/json");
    private final UnixHttpClient http;

    ApiClient(Path socket) {
        this.http = new UnixHttpClient(socket, "jvirt-bench", null);
    }

    record Answer(int status, String body) {
    }

    Answer call(String method, String path, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        UnixHttpClient.Answer a = http.call(method, path, HEADERS, body);
        return new Answer(a.status(), a.text());
    }

    Answer post(String path, String json) throws IOException {
        return call("POST", path, json);
    }

    Answer get(String path) throws IOException {
        return call("GET", path, null);
    }
}
