package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shapes of docs/api.md that reach inside a guest through its QEMU guest agent. */
public final class Guests {

    private Guests() {
    }

    /**
     * {@code POST .../guest-exec}: a command run in the guest.
     *
     * @param argv the program (a path in the guest, or a name its agent finds on PATH) and its arguments
     * @param stdin base64 of its standard input, or null for none
     * @param timeoutSeconds how long to wait for it to exit, or null for the default
     */
    public record ExecRequest(List<String> argv, String stdin, Integer timeoutSeconds) implements Shape {
        public ExecRequest {
            argv = List.copyOf(argv);
        }

        public static ExecRequest from(JsonObject o) {
            List<String> argv = new ArrayList<>();
            for (Object a : JsonObject.list(o.raw("argv"))) {
                argv.add(String.valueOf(a));
            }
            Long t = o.number("timeout_seconds");
            return new ExecRequest(argv, o.string("stdin", null), t == null ? null : (int) (long) t);
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> m = Json.object("argv", argv);
            if (stdin != null) {
                m.put("stdin", stdin);
            }
            if (timeoutSeconds != null) {
                m.put("timeout_seconds", timeoutSeconds);
            }
            return m;
        }
    }

    /** What {@code guest-exec} answers: the exit status and both outputs, base64. */
    public record ExecResult(long exitCode, String stdout, String stderr, boolean truncated) implements Shape {
        public static ExecResult from(JsonObject o) {
            return new ExecResult(o.number("exit_code", -1), o.string("stdout", ""), o.string("stderr", ""),
                    o.bool("truncated"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("exit_code", exitCode, "stdout", stdout, "stderr", stderr, "truncated", truncated);
        }
    }

    /** {@code GET .../nested-status}: how far the nested-LXD option is. */
    public record NestedStatus(boolean ready, boolean agent, String cloudInit, String setup, String lxdService,
                               String lxdVersion, List<String> problems, List<Container> containers) implements Shape {
        public NestedStatus {
            problems = List.copyOf(problems);
            containers = List.copyOf(containers);
        }

        public static NestedStatus from(JsonObject o) {
            List<String> problems = new ArrayList<>();
            for (Object p : JsonObject.list(o.raw("problems"))) {
                problems.add(String.valueOf(p));
            }
            List<Container> containers = new ArrayList<>();
            for (Object c : JsonObject.list(o.raw("containers"))) {
                containers.add(Container.from(JsonObject.of(c)));
            }
            return new NestedStatus(o.bool("ready"), o.bool("agent"), o.string("cloud_init", null), o.string("setup", null),
                    o.string("lxd_service", null), o.string("lxd_version", null), problems, containers);
        }

        @Override
        public Map<String, Object> toJson() {
            List<Object> list = new ArrayList<>();
            for (Container c : containers) {
                list.add(c.toJson());
            }
            return Json.object("ready", ready, "agent", agent, "cloud_init", cloudInit, "setup", setup,
                    "lxd_service", lxdService, "lxd_version", lxdVersion, "problems", problems, "containers", list);
        }
    }

    /** One LXD instance of {@link NestedStatus}. */
    public record Container(String name, String status, List<String> addresses, List<String> limits) implements Shape {
        public Container {
            addresses = List.copyOf(addresses);
            limits = List.copyOf(limits);
        }

        public static Container from(JsonObject o) {
            List<String> addresses = new ArrayList<>();
            for (Object a : JsonObject.list(o.raw("addresses"))) {
                addresses.add(String.valueOf(a));
            }
            List<String> limits = new ArrayList<>();
            for (Object a : JsonObject.list(o.raw("limits"))) {
                limits.add(String.valueOf(a));
            }
            return new Container(o.string("name"), o.string("status"), addresses, limits);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "status", status, "addresses", addresses, "limits", limits);
        }
    }
}
