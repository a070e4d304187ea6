package dev.jvirt.console.keeper;

import dev.jvirt.console.hub.ConsoleEndpoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the keeper needs to keep one guest's console: QEMU's chardev ({@link ConsoleEndpoint}: the
 * FIFOs the keeper makes for a serial port, or QEMU's unix socket for a virtio console), the log
 * and its bounds, and whether the log's earlier content is this run's (a console kept anew after
 * a daemon restart that found no keeper: history may reach back into it).
 */
public record KeepRequest(String domain, ConsoleEndpoint endpoint, Path logFile, long logFileBytes, int logKeep,
        boolean earlierOutputIsHistory) {

    /** A log of 1 MiB x (1 + 4 rotated) by default. */
    public static final long DEFAULT_LOG_FILE_BYTES = 1024 * 1024;
    public static final int DEFAULT_LOG_KEEP = 4;

    public KeepRequest {
        Objects.requireNonNull(domain);
        Objects.requireNonNull(endpoint);
        Objects.requireNonNull(logFile);
        if (logFileBytes <= 0 || logKeep < 0) {
            throw new IllegalArgumentException("console log needs logFileBytes > 0 and logKeep >= 0");
        }
    }

    String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("domain", domain);
        if (endpoint instanceof ConsoleEndpoint.Fifos f) {
            m.put("fifos", f.base().toString());
        } else if (endpoint instanceof ConsoleEndpoint.UnixSocket s) {
            m.put("socket", s.path().toString());
        }
        m.put("log", logFile.toString());
        m.put("logFileBytes", Long.toString(logFileBytes));
        m.put("logKeep", Integer.toString(logKeep));
        m.put("earlier", Boolean.toString(earlierOutputIsHistory));
        StringBuilder out = new StringBuilder();
        m.forEach((k, v) -> {
            if (v.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a line break in the console's " + k + ": " + v);
            }
            out.append(k).append('=').append(v).append('\n');
        });
        return out.toString();
    }

    static KeepRequest decode(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        ConsoleEndpoint endpoint = m.containsKey("fifos") ? new ConsoleEndpoint.Fifos(Path.of(m.get("fifos")))
                : new ConsoleEndpoint.UnixSocket(Path.of(required(m, "socket")));
        return new KeepRequest(required(m, "domain"), endpoint, Path.of(required(m, "log")),
                Long.parseLong(required(m, "logFileBytes")), Integer.parseInt(required(m, "logKeep")),
                Boolean.parseBoolean(m.get("earlier")));
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("keep request without " + key);
        }
        return v;
    }
}
