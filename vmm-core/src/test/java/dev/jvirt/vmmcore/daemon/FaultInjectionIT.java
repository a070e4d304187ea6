package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;
import dev.jvirt.vmmcore.qemu.ProcFs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random kill -9 of a jvirtd subprocess during a seeded random mix of define, redefine, start,
 * shutdown, destroy and undefine on a few tiny-guest domains (TCG). After every restart: each
 * acknowledged definition is there with its content (a version number in its description), an
 * unacknowledged one is there whole or not at all, no QEMU runs that jvirt does not report, none
 * twice for a domain, and every active domain has its live QEMU. Bounded: {@link #OPS} operations,
 * a kill before about one in five. {@code -Dfault.seed=N} replays a run; the seed is printed.
 */
@ExtendWith(TinyGuestExtension.class)
class FaultInjectionIT {
    private static final int OPS = Integer.getInteger("fault.ops", 300);
    private static final int DOMAINS = 4;
    private static final double KILL_CHANCE = 0.2;

    private final List<String> violations = new ArrayList<>();
    /** Domain → the definition version acknowledged last (null: undefined, or never defined). */
    private final Map<String, Integer> committed = new HashMap<>();
    /** Domain → further versions that may be there: writes in flight when the daemon died. */
    private final Map<String, Set<Integer>> uncertain = new HashMap<>();

    @Test
    void killsDuringMixedOperationsLoseNoAcknowledgedWriteAndLeaveNoStrayQemu(TinyGuest guest) throws Exception {
        long seed = Long.getLong("fault.seed", System.nanoTime());
        System.out.println("FaultInjectionIT seed=" + seed + " (replay: -Dfault.seed=" + seed + ")");
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        int kills = 0;
        List<Long> restartMs = new ArrayList<>();
        try (DaemonFixture f = new DaemonFixture()) {
            Map<String, String> templates = new HashMap<>();
            for (int i = 0; i < DOMAINS; i++) {
                templates.put("f" + i, DaemonFixture.tinyXml(guest, "f" + i));
            }
            f.startProcess();
            int version = 0;
            for (int op = 0; op < OPS; op++) {
                String d = "f" + rnd.nextInt(DOMAINS);
                int v = ++version;
                String kind = pick(rnd);
                boolean kill = rnd.nextDouble() < KILL_CHANCE;
                long killAfterMs = rnd.nextInt(400);
                UnixHttpClient api = f.client();
                CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> run(api, kind, d, v, templates));
                if (kill) {
                    try {
                        call.get(killAfterMs, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        // still in flight: the kill hits it
                    }
                    f.killProcess();
                    kills++;
                }
                Response r;
                try {
                    r = call.get(120, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    r = null; // the connection died with the daemon: not acknowledged
                }
                account(kind, d, v, r);
                if (kill) {
                    long s = System.nanoTime();
                    f.startProcess();
                    restartMs.add((System.nanoTime() - s) / 1_000_000);
                    check(f, "after kill " + kills + " (op " + op + " " + kind + " " + d + ")");
                }
            }
            check(f, "at the end");
            f.output().lines().filter(l -> l.contains("ready in") || l.contains("WARN") || l.contains("ERROR"))
                    .limit(200).forEach(l -> System.out.println("jvirtd: " + l));
            for (JsonNode dom : f.client().get("/1.0/domains").json()) {
                if (!dom.path("state").asText().equals("shut off")) {
                    f.client().post("/1.0/domains/" + dom.path("name").asText() + "/destroy", Map.of());
                }
            }
        }
        restartMs.sort(null);
        long wall = (System.nanoTime() - t0) / 1_000_000_000L;
        System.out.printf("FaultInjectionIT: seed %d, %d ops, %d kills, %d violations, restart p50 %d ms, max %d ms, %d s%n",
                seed, OPS, kills, violations.size(), restartMs.isEmpty() ? 0 : restartMs.get(restartMs.size() / 2),
                restartMs.isEmpty() ? 0 : restartMs.get(restartMs.size() - 1), wall);
        assertThat(violations).as("violations (seed " + seed + ")").isEmpty();
        assertThat(kills).as("kills").isGreaterThanOrEqualTo((int) (OPS * KILL_CHANCE * 0.6));
    }

    private static String pick(Random rnd) {
        int n = rnd.nextInt(100);
        return n < 30 ? "define" : n < 55 ? "start" : n < 65 ? "shutdown" : n < 85 ? "destroy" : "undefine";
    }

    private static Response run(UnixHttpClient api, String kind, String d, int v, Map<String, String> templates) {
        return switch (kind) {
            case "define" -> api.post("/1.0/domains", Map.of("xml", templates.get(d)
                    .replace("</name>", "</name>\n  <description>v" + v + "</description>")));
            case "start" -> api.post("/1.0/domains/" + d + "/start", Map.of());
            case "shutdown" -> api.post("/1.0/domains/" + d + "/shutdown", Map.of());
            case "destroy" -> api.post("/1.0/domains/" + d + "/destroy", Map.of());
            default -> api.delete("/1.0/domains/" + d);
        };
    }

    /** What the answer (or its absence) says about the stored definition. */
    private void account(String kind, String d, int v, Response r) {
        boolean writes = kind.equals("define") || kind.equals("undefine");
        if (!writes) {
            return;
        }
        Integer value = kind.equals("define") ? v : null;
        if (r == null) {
            uncertain.computeIfAbsent(d, k -> new HashSet<>()).add(value == null ? -1 : value);
        } else if (r.status() / 100 == 2) {
            committed.put(d, value);
            uncertain.remove(d);
        }
    }

    private void check(DaemonFixture f, String when) throws Exception {
        JsonNode list = f.client().get("/1.0/domains").json();
        Map<String, JsonNode> listed = new HashMap<>();
        list.forEach(n -> listed.put(n.path("name").asText(), n));
        for (int i = 0; i < DOMAINS; i++) {
            String d = "f" + i;
            Set<Integer> allowed = new HashSet<>(uncertain.getOrDefault(d, Set.of()));
            allowed.add(committed.get(d) == null ? -1 : committed.get(d));
            JsonNode entry = listed.get(d);
            Integer seen = -1;
            if (entry != null && entry.path("persistent").asBoolean()) {
                Response xml = f.client().get("/1.0/domains/" + d + "/xml?inactive=true");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<description>v(\\d+)</description>")
                        .matcher(xml.text());
                seen = m.find() ? Integer.parseInt(m.group(1)) : -2;
            }
            if (!allowed.contains(seen)) {
                violations.add(when + ": domain " + d + " has definition v" + seen + ", expected one of " + allowed);
            }
            committed.put(d, seen == -1 ? null : seen); // settled: what is there now is what the next check builds on
            uncertain.remove(d);
        }
        checkProcesses(f, when);
    }

    /** Active domains each have one live QEMU of theirs; no other QEMU of this test runs. Retried while a guest powers off. */
    private void checkProcesses(DaemonFixture f, String when) throws Exception {
        String problem = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            problem = processProblem(f);
            if (problem == null) {
                return;
            }
            Thread.sleep(400);
        }
        violations.add(when + ": " + problem);
    }

    private static String processProblem(DaemonFixture f) {
        Set<Long> reported = new HashSet<>();
        for (JsonNode d : f.client().get("/1.0/domains").json()) {
            JsonNode info = f.client().get("/1.0/domains/" + d.path("name").asText()).json();
            boolean active = !info.path("state").asText().equals("shut off");
            if (active != !info.path("pid").isNull()) {
                return "domain " + info.path("name").asText() + " is " + info.path("state").asText() + " with pid "
                        + info.path("pid");
            }
            if (active) {
                reported.add(info.path("pid").asLong());
            }
        }
        List<Long> running = f.qemuPids();
        if (!new HashSet<>(running).equals(reported)) {
            return "QEMU processes " + running + " but jvirt reports " + reported;
        }
        Map<String, Integer> perDomain = new HashMap<>();
        ProcFs proc = ProcFs.system();
        for (long pid : running) {
            proc.cmdline(pid).stream().filter(a -> a.startsWith("guest=")).findFirst()
                    .ifPresent(a -> perDomain.merge(a, 1, Integer::sum));
        }
        return perDomain.values().stream().anyMatch(n -> n > 1) ? "a domain has two QEMUs: " + perDomain : null;
    }
}
