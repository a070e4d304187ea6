package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.Map;

/** The request bodies of docs/api.md ("body" column), as jvirsh sends them. */
public final class Requests {

    private Requests() {
    }

    /** {@code POST /1.0/domains}: define (or redefine) from libvirt's domain XML. */
    public record Define(String xml, boolean noReplace) implements Shape {
        public static Define from(JsonObject o) {
            return new Define(o.string("xml"), o.bool("no_replace"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml, "no_replace", noReplace);
        }
    }

    /** {@code POST /1.0/domains/create}: a transient domain, started (paused if asked). */
    public record Create(String xml, boolean paused) implements Shape {
        public static Create from(JsonObject o) {
            return new Create(o.string("xml"), o.bool("paused"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml, "paused", paused);
        }
    }

    /** {@code POST .../start}. */
    public record Start(boolean paused) implements Shape {
        public static Start from(JsonObject o) {
            return new Start(o.bool("paused"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("paused", paused);
        }
    }

    /**
     * {@code POST .../shutdown}; without a timeout ({@code null}) the answer comes once the request is sent.
     * {@code mode} is {@code acpi} (the power button, also when null) or {@code agent} (the guest agent).
     */
    public record Shutdown(Integer timeoutSeconds, String mode) implements Shape {
        /** The ACPI power button. */
        public Shutdown(Integer timeoutSeconds) {
            this(timeoutSeconds, null);
        }

        public static Shutdown from(JsonObject o) {
            Long t = o.number("timeout_seconds");
            return new Shutdown(t == null ? null : (int) (long) t, o.string("mode", null));
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = timeoutSeconds == null ? Json.object() : Json.object("timeout_seconds", timeoutSeconds);
            if (mode != null) {
                m.put("mode", mode);
            }
            return m;
        }
    }

    /** {@code POST .../destroy}; graceful is SIGTERM only. */
    public record Destroy(boolean graceful) implements Shape {
        public static Destroy from(JsonObject o) {
            return new Destroy(o.bool("graceful"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("graceful", graceful);
        }
    }

    /** {@code PUT .../autostart}, and its answer. */
    public record Autostart(boolean autostart) implements Shape {
        public static Autostart from(JsonObject o) {
            return new Autostart(o.bool("autostart"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("autostart", autostart);
        }
    }

    /**
     * {@code PUT .../tpm-state}: the files of an emulated TPM's state directory (swtpm's), file
     * name → content in base64.
     */
    public record TpmState(Map<String, String> files) implements Shape {
        public static TpmState from(JsonObject o) {
            Map<String, String> files = new java.util.TreeMap<>();
            o.object("files").asMap().forEach((name, data) -> files.put(name, (String) data));
            return new TpmState(files);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("files", new java.util.TreeMap<String, Object>(files));
        }
    }

    /** {@code POST .../qemu-monitor}: QMP JSON, or with {@code hmp} a human monitor command line. */
    public record QemuMonitor(String command, boolean hmp) implements Shape {
        public static QemuMonitor from(JsonObject o) {
            return new QemuMonitor(o.string("command"), o.bool("hmp"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("command", command, "hmp", hmp);
        }
    }

    /** {@code POST /1.0/domxml-to-native}. */
    public record ToNative(String xml, String format) implements Shape {
        public static ToNative from(JsonObject o) {
            return new ToNative(o.string("xml"), o.string("format"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml, "format", format);
        }
    }
}
