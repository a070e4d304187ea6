package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.testimages.Differential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facts of a QEMU command line that say what guest it makes, apart from what only names the
 * run: one entry per fact, keyed by what it is about ({@code machine}, {@code cpu},
 * {@code device e1000e #0}, {@code smbios type=1}, ...). Devices are compared whole, with the
 * names that only tie options together (ids, node names, chardev and netdev ids, fd numbers)
 * replaced by what they point at: a disk's {@code drive} becomes its format and storage nodes, a
 * NIC's {@code netdev} its backend type, a chardev its backend kind.
 *
 * <p>Left out on purpose (they name the run, not the guest): {@code -S}, {@code -daemonize},
 * {@code -pidfile}, {@code -sandbox} (jvirt daemonizes and relaxes two rules for it), the
 * monitor, {@code -msg}, libvirt's master key secret, runtime paths of sockets and logs, the
 * NVRAM file's directory (its name is kept), the SPICE TLS certificate directory, and the port
 * of an autoport display, and {@code -no-reboot} (jvirt's way of {@code on_reboot='destroy'};
 * libvirt sets the same with QMP {@code set-action} after launch). A console serial's chardev
 * counts as {@code pty|null}: libvirt gives it a pty, jvirt a {@code null} its console keeper
 * swaps for its FIFOs before the guest runs. {@code -no-hpet} is the machine's {@code hpet=off}.
 */
final class ArgvFacts {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("-S", "-daemonize", "-no-user-config", "-nodefaults", "-no-shutdown",
            "-no-reboot", "-no-hpet", "-no-acpi", "-enable-kvm", "-snapshot", "-nographic", "-enable-fips");
    /** Options that only name the run. */
    private static final Set<String> IGNORED = Set.of("-S", "-daemonize", "-pidfile", "-sandbox", "-mon", "-msg", "-name",
            "-no-reboot");
    private static final Set<String> REFERENCES = Set.of("drive", "netdev", "chardev", "tpmdev", "audiodev", "memdev");

    private ArgvFacts() {}

    /** The harness's split of {@code virsh domxml-to-native qemu-argv}'s line ({@link Differential#splitShell}). */
    static List<String> splitShell(String line) {
        return Differential.splitShell(line);
    }

    /** The facts of an argv (emulator first). */
    static Map<String, String> of(List<String> argv) {
        List<String[]> options = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String o = argv.get(i);
            if (FLAGS.contains(o) || i + 1 >= argv.size()) {
                options.add(new String[] {o, ""});
            } else {
                options.add(new String[] {o, argv.get(++i)});
            }
        }
        Map<String, JsonNode> blockdevs = new HashMap<>();
        Map<String, String> netdevs = new HashMap<>();
        Map<String, String> chardevs = new HashMap<>();
        Map<String, String> tpmdevs = new HashMap<>();
        Map<String, String> audiodevs = new HashMap<>();
        for (String[] o : options) {
            switch (o[0]) {
                case "-blockdev" -> {
                    JsonNode n = json(o[1]);
                    blockdevs.put(n.path("node-name").asText(), n);
                }
                case "-netdev" -> {
                    JsonNode n = o[1].startsWith("{") ? json(o[1]) : null;
                    String id = n != null ? n.path("id").asText() : opt(o[1], "id");
                    netdevs.put(id, n != null ? n.path("type").asText() : o[1].split(",", 2)[0]);
                }
                case "-chardev" -> chardevs.put(opt(o[1], "id"), chardevKind(o[1]));
                case "-tpmdev" -> tpmdevs.put(opt(o[1], "id"), o[1].split(",", 2)[0]);
                case "-audiodev" -> {
                    JsonNode n = json(o[1]);
                    audiodevs.put(n.path("id").asText(), n.path("driver").asText());
                }
                default -> { }
            }
        }
        Map<String, String> facts = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> globals = new TreeSet<>();
        Set<String> flags = new TreeSet<>();
        for (String[] o : options) {
            String opt = o[0];
            String v = o[1];
            if (IGNORED.contains(opt)) {
                continue;
            }
            if ("-no-hpet".equals(opt)) {
                opt = "-machine";
                v = "hpet=off";
            } else if (FLAGS.contains(opt)) {
                flags.add(opt);
                continue;
            }
            switch (opt) {
                case "-machine" -> machine(v, facts);
                case "-device" -> {
                    if (v.startsWith("{")) {
                        device(json(v), facts, seen, blockdevs, netdevs, chardevs, tpmdevs, audiodevs);
                    } else {
                        facts.put("device " + v, "as written");
                    }
                }
                case "-accel" -> facts.put("accelerator", v);
                case "-cpu" -> cpu(v, facts);
                case "-m" -> facts.put("memory", v.startsWith("size=") ? v : "size=" + v + "M");
                case "-smp" -> facts.put("smp", v);
                case "-uuid" -> facts.put("uuid", v);
                case "-object" -> object(json(v), facts, seen);
                case "-blockdev" -> blockdevFact(json(v), facts);
                case "-global" -> globals.add(v);
                case "-netdev", "-audiodev", "-tpmdev" -> { }
                case "-chardev" -> {
                    // the monitor is the run's; the TPM's is compared through its -tpmdev
                    if (!"charmonitor".equals(opt(v, "id")) && !"chrtpm".equals(opt(v, "id"))) {
                        count(facts, seen, "chardev " + chardevKind(v));
                    }
                }
                case "-vnc" -> facts.put("graphics vnc", display(v));
                case "-spice" -> facts.put("graphics spice", display(v));
                default -> facts.put(opt + " #" + seen.merge(opt, 1, Integer::sum), v);
            }
        }
        facts.put("globals", String.join(" ", globals));
        facts.put("flags", String.join(" ", flags));
        return facts;
    }

    private static void count(Map<String, String> facts, Map<String, Integer> seen, String key) {
        facts.merge(key + " count", "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
    }

    private static void machine(String v, Map<String, String> facts) {
        String[] parts = QemuOptsSplit.split(v);
        boolean typed = !parts[0].contains("=");
        if (typed) {
            facts.put("machine", parts[0]);
        }
        Set<String> props = new TreeSet<>();
        String before = facts.get("machine options");
        if (before != null && !before.isEmpty()) {
            props.addAll(List.of(before.split(",")));
        }
        for (int i = typed ? 1 : 0; i < parts.length; i++) {
            String p = parts[i];
            // the pflash node names are the run's; that there are pflash units is a fact
            if (p.startsWith("pflash0=") || p.startsWith("pflash1=")) {
                p = p.substring(0, p.indexOf('=')) + "=set";
            }
            props.add(p);
        }
        facts.put("machine options", String.join(",", props));
    }

    private static void cpu(String v, Map<String, String> facts) {
        String[] parts = QemuOptsSplit.split(v);
        facts.put("cpu model", parts[0]);
        Set<String> flags = new TreeSet<>();
        for (int i = 1; i < parts.length; i++) {
            flags.add(parts[i]);
        }
        facts.put("cpu features", String.join(",", flags));
    }

    private static void object(JsonNode n, Map<String, String> facts, Map<String, Integer> seen) {
        String type = n.path("qom-type").asText();
        if ("secret".equals(type) && "masterKey0".equals(n.path("id").asText())) {
            return;
        }
        ObjectNode copy = n.deepCopy();
        if (copy.has("filename") && "secret".equals(type)) {
            copy.remove("filename");
        }
        String key = "object " + type + " " + (type.startsWith("memory-backend") || "iothread".equals(type)
                ? n.path("id").asText() : "#" + seen.merge("object " + type, 1, Integer::sum));
        copy.remove("id");
        facts.put(key, sorted(copy));
    }

    /** Firmware and other nodes no device names: the pflash units by their file. */
    private static void blockdevFact(JsonNode n, Map<String, String> facts) {
        String name = n.path("node-name").asText();
        if (name.contains("pflash0") && n.has("filename")) {
            facts.put("firmware code", n.path("filename").asText());
        } else if (name.contains("pflash1") && n.has("filename")) {
            facts.put("firmware vars", Path.of(n.path("filename").asText()).getFileName().toString());
        } else if (name.contains("pflash0") && n.has("read-only")) {
            facts.put("firmware code read-only", n.path("read-only").asText());
        }
    }

    private static void device(JsonNode n, Map<String, String> facts, Map<String, Integer> seen, Map<String, JsonNode> blockdevs,
            Map<String, String> netdevs, Map<String, String> chardevs, Map<String, String> tpmdevs, Map<String, String> audiodevs) {
        String driver = n.path("driver").asText();
        ObjectNode copy = n.deepCopy();
        copy.remove("id");
        for (String ref : REFERENCES) {
            if (!copy.has(ref)) {
                continue;
            }
            String target = copy.path(ref).asText();
            switch (ref) {
                case "drive" -> copy.set(ref, drive(target, blockdevs));
                case "netdev" -> copy.put(ref, netdevs.getOrDefault(target, "?"));
                case "chardev" -> copy.put(ref, chardevs.getOrDefault(target, "?"));
                case "tpmdev" -> copy.put(ref, tpmdevs.getOrDefault(target, "?"));
                case "audiodev" -> copy.put(ref, audiodevs.getOrDefault(target, "?"));
                default -> copy.put(ref, "set");
            }
        }
        facts.put("device " + driver + " #" + seen.merge("device " + driver, 1, Integer::sum), sorted(copy));
    }

    /** A disk's nodes from its format node down, without node names. */
    private static JsonNode drive(String node, Map<String, JsonNode> blockdevs) {
        JsonNode n = blockdevs.get(node);
        if (n == null) {
            return JSON.getNodeFactory().textNode("?" );
        }
        ObjectNode copy = n.deepCopy();
        copy.remove("node-name");
        for (String child : List.of("file", "backing")) {
            if (copy.has(child) && copy.get(child).isTextual()) {
                copy.set(child, drive(copy.get(child).asText(), blockdevs));
            }
        }
        return copy;
    }

    private static String chardevKind(String v) {
        String kind = v.split(",", 2)[0];
        return "pty".equals(kind) || "null".equals(kind) ? "pty|null" : kind;
    }

    /** A display's options without its port when it chose one itself, and without certificate paths. */
    private static String display(String v) {
        Set<String> parts = new TreeSet<>();
        for (String p : QemuOptsSplit.split(v)) {
            if (p.startsWith("x509-dir=")) {
                p = "x509-dir=set";
            } else if (p.matches("(tls-)?port=\\d+")) {
                p = p.substring(0, p.indexOf('=')) + "=set";
            } else if (p.matches(".*:\\d+") && !p.contains("=")) {
                p = p.substring(0, p.lastIndexOf(':')) + ":display";
            } else if (p.startsWith("to=")) {
                continue;
            }
            parts.add(p);
        }
        return String.join(",", parts);
    }

    private static String opt(String qemuOpts, String key) {
        for (String p : QemuOptsSplit.split(qemuOpts)) {
            if (p.startsWith(key + "=")) {
                return p.substring(key.length() + 1);
            }
        }
        return "";
    }

    private static String sorted(JsonNode n) {
        return JSON.valueToTree(sortedMap(n)).toString();
    }

    private static Object sortedMap(JsonNode n) {
        if (!n.isObject()) {
            return n;
        }
        Map<String, Object> m = new TreeMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), sortedMap(e.getValue())));
        return new LinkedHashMap<>(m);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** QemuOpts text split at unescaped commas (",," is a comma in a value). */
    static final class QemuOptsSplit {
        private QemuOptsSplit() {}

        static String[] split(String v) {
            List<String> parts = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == ',' && i + 1 < v.length() && v.charAt(i + 1) == ',') {
                    b.append(",,");
                    i++;
                } else if (c == ',') {
                    parts.add(b.toString());
                    b.setLength(0);
                } else {
                    b.append(c);
                }
            }
            parts.add(b.toString());
            return parts.toArray(new String[0]);
        }
    }
}
