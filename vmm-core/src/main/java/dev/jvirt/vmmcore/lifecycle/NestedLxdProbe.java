package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.domainxml.domain.NestedLxd;
import dev.jvirt.vmmcore.GuestAgentException;
import dev.jvirt.vmmcore.GuestExecResult;
import dev.jvirt.vmmcore.NestedLxdStatus;
import dev.jvirt.vmmcore.qemu.CloudInitSeeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * jvirsh nested-status: one shell script run in the guest by its agent gathers cloud-init's
 * status, the setup script's markers, whether {@code lxd.service} is active and, only then (an
 * {@code lxc} call would socket-activate LXD before its preseed), LXD's own answers
 * ({@code lxc query}) about the server, the storage pool, the bridge, the default profile and the
 * instances. "Ready" is judged from LXD's answers against the option, not from cloud-init's
 * word (Debian's cloud-init reports done even when a module was skipped).
 */
public final class NestedLxdProbe {
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private NestedLxdProbe() {
    }

    /** The script; its output is {@code KEY VALUE} lines, LXD's JSON base64-encoded. Fixed text but the bridge (validated). */
    static String script(NestedLxd o) {
        return String.join("\n",
                "echo \"uptime $(cut -d. -f1 /proc/uptime)\"",
                // cloud-init's own files rather than `cloud-init status` (a Python start: seconds under TCG)
                "if [ -e /run/cloud-init/result.json ]; then",
                "  if grep -q '\"errors\": \\[\\]' /run/cloud-init/result.json; then ci=done; else ci=error; fi",
                "elif [ -e /run/cloud-init/status.json ]; then",
                "  st=$(sed -n 's/.*\"stage\": *\"\\([^\"]*\\)\".*/\\1/p' /run/cloud-init/status.json | head -n 1)",
                "  ci=\"running${st:+ (stage $st)}\"",
                "else ci='not started'; fi",
                "echo \"cloud-init $ci\"",
                "setup=pending",
                "if [ -e " + CloudInitSeeds.DONE_MARKER + " ]; then setup=done; echo 'setup done';"
                        + " elif [ -e " + CloudInitSeeds.FAILED_MARKER + " ]; then setup=failed; echo \"setup failed $(tail -n 1 "
                        + CloudInitSeeds.SETUP_LOG + " | tr '\\n' ' ')\"; else echo 'setup pending'; fi",
                "svc=$(systemctl is-active lxd.service 2>/dev/null)",
                "echo \"lxd-service ${svc:-unknown}\"",
                // LXD is asked only once the setup has ended: lxc calls while it runs would slow it (and socket-activate LXD early)
                "[ \"$svc\" = active ] && [ \"$setup\" != pending ] || exit 0",
                "q() { printf '%s ' \"$1\"; lxc query \"$2\" 2>/dev/null | base64 -w0; echo; }",
                "q server /1.0",
                "q pool /1.0/storage-pools/default",
                "q network /1.0/networks/" + o.bridge(),
                "q profile /1.0/profiles/default",
                "q instances '/1.0/instances?recursion=2'",
                "");
    }

    public static NestedLxdStatus status(RunningGuest g, String domain, NestedLxd o) {
        GuestExecResult r;
        try {
            r = GuestAgents.exec(g, domain, List.of("/bin/sh", "-c", script(o)), null, TIMEOUT);
        } catch (GuestAgentException e) {
            if (e.kind() == GuestAgentException.Kind.UNAVAILABLE) {
                return new NestedLxdStatus(false, false, null, null, null, null, List.of(e.getMessage()), List.of());
            }
            throw e;
        }
        return parse(new String(r.stdout(), StandardCharsets.UTF_8), o);
    }

    /** The status from the script's output. Pure. */
    static NestedLxdStatus parse(String out, NestedLxd o) {
        Map<String, String> kv = new HashMap<>();
        for (String line : out.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                kv.put(line.substring(0, sp), line.substring(sp + 1).strip());
            }
        }
        List<String> problems = new ArrayList<>();
        String cloudInit = kv.get("cloud-init");
        String setup = kv.get("setup");
        String service = kv.get("lxd-service");
        if (setup == null || setup.startsWith("pending")) {
            String up = kv.get("uptime");
            problems.add("the LXD setup has not finished (cloud-init: " + cloudInit
                    + (up == null ? "" : ", the guest up " + up + " s") + ")");
        } else if (setup.startsWith("failed")) {
            problems.add("the LXD setup failed: " + setup.substring("failed".length()).strip()
                    + " (" + CloudInitSeeds.SETUP_LOG + " in the guest has its log)");
        }
        if (!"active".equals(service)) {
            problems.add("lxd.service is " + service);
        }
        JsonNode server = json(kv.get("server"));
        String version = server == null ? null : server.path("environment").path("server_version").asText(null);
        boolean ended = setup != null && !setup.startsWith("pending");
        if ("active".equals(service) && ended && server == null) {
            problems.add("LXD does not answer");
        }
        JsonNode pool = json(kv.get("pool"));
        if (server != null) {
            if (pool == null) {
                problems.add("LXD has no storage pool 'default'");
            } else if (!o.storage().equals(pool.path("driver").asText())) {
                problems.add("storage pool 'default' has driver " + pool.path("driver").asText() + ", not " + o.storage());
            }
            JsonNode net = json(kv.get("network"));
            if (net == null) {
                problems.add("LXD has no network '" + o.bridge() + "'");
            } else if (!o.subnet().equals(net.path("config").path("ipv4.address").asText())) {
                problems.add("network '" + o.bridge() + "' has ipv4.address " + net.path("config").path("ipv4.address").asText()
                        + ", not " + o.subnet());
            }
            JsonNode profile = json(kv.get("profile"));
            String nesting = profile == null ? null : profile.path("config").path("security.nesting").asText("false");
            if (profile == null) {
                problems.add("LXD has no profile 'default'");
            } else if (!Boolean.toString(o.nesting()).equals(nesting)) {
                problems.add("profile 'default' has security.nesting=" + nesting + ", not " + o.nesting());
            } else if (!profile.path("devices").has("root") || !profile.path("devices").has("eth0")) {
                problems.add("profile 'default' lacks its root disk or eth0");
            }
        }
        return new NestedLxdStatus(problems.isEmpty(), true, cloudInit, setup == null ? null : setup.split(" ")[0],
                service, version, problems, containers(json(kv.get("instances"))));
    }

    private static List<NestedLxdStatus.Container> containers(JsonNode instances) {
        List<NestedLxdStatus.Container> out = new ArrayList<>();
        if (instances == null || !instances.isArray()) {
            return out;
        }
        for (JsonNode i : instances) {
            List<String> addresses = new ArrayList<>();
            JsonNode network = i.path("state").path("network");
            for (Iterator<Map.Entry<String, JsonNode>> it = network.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> nic = it.next();
                if (nic.getKey().equals("lo")) {
                    continue;
                }
                for (JsonNode a : nic.getValue().path("addresses")) {
                    if ("global".equals(a.path("scope").asText())) {
                        addresses.add(a.path("address").asText() + "/" + a.path("netmask").asText() + " (" + nic.getKey() + ")");
                    }
                }
            }
            List<String> limits = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = i.path("expanded_config").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                if (c.getKey().startsWith("limits.") || c.getKey().equals("security.nesting")) {
                    limits.add(c.getKey() + "=" + c.getValue().asText());
                }
            }
            out.add(new NestedLxdStatus.Container(i.path("name").asText(), i.path("status").asText(), addresses, limits));
        }
        return out;
    }

    private static JsonNode json(String b64) {
        if (b64 == null || b64.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(Base64.getDecoder().decode(b64.strip()));
            return n == null || n.isMissingNode() || n.isNull() ? null : n;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
