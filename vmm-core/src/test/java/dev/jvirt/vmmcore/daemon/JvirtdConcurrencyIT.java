package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 20 clients list and query while 5 tiny guests are started and shut down (ACPI) repeatedly: no
 * request fails, every list holds every defined domain, and no answer is inconsistent (a running
 * or paused domain always has a pid and an id; a shut-off one never does).
 */
@ExtendWith(TinyGuestExtension.class)
class JvirtdConcurrencyIT {
    private static final int GUESTS = 5;
    private static final int CLIENTS = 20;
    private static final int CYCLES = 2;
    private static final Duration BOOT = Duration.ofSeconds(180);

    @Test
    void clientsQueryWhileGuestsComeAndGo(TinyGuest guest) throws Exception {
        try (DaemonFixture fixture = new DaemonFixture()) {
            fixture.start();
            UnixHttpClient api = fixture.client();
            List<String> names = IntStream.range(0, GUESTS).mapToObj(i -> "busy" + i).toList();
            for (String n : names) {
                assertThat(api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, n))).status()).isEqualTo(201);
            }
            Queue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong queries = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + GUESTS);
            List<Future<?>> clients = IntStream.range(0, CLIENTS).<Future<?>>mapToObj(i -> pool.submit(() -> {
                while (!done.get()) {
                    query(api, names, i, problems);
                    queries.incrementAndGet();
                }
            })).toList();
            List<Future<?>> lifecycles = names.stream().<Future<?>>map(n -> pool.submit(() -> {
                for (int c = 1; c <= CYCLES; c++) {
                    expect(api.post("/1.0/domains/" + n + "/start", Map.of()), "running", problems);
                    try {
                        // the hub's log is kept across cycles: cycle c's boot is its c-th marker
                        SerialOutput.await(consoleLog(fixture, n), TinyGuest.READY_MARKER, c, BOOT);
                    } catch (Exception e) {
                        problems.add(n + ": no ready marker in cycle " + c + ": " + e);
                        api.post("/1.0/domains/" + n + "/destroy", Map.of());
                        continue;
                    }
                    expect(api.post("/1.0/domains/" + n + "/shutdown", Map.of("timeout_seconds", 120)), "shut off", problems);
                }
                return null;
            })).toList();
            for (Future<?> f : lifecycles) {
                f.get(15, TimeUnit.MINUTES);
            }
            done.set(true);
            for (Future<?> f : clients) {
                f.get(1, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(problems).isEmpty();
            assertThat(queries.get()).isGreaterThan(CLIENTS);
            assertThat(fixture.qemuPids()).isEmpty();
        }
    }

    private static void query(UnixHttpClient api, List<String> names, int client, Queue<String> problems) {
        try {
            Response list = api.get("/1.0/domains");
            if (list.status() != 200) {
                problems.add("list: " + list);
                return;
            }
            Set<String> listed = new HashSet<>();
            for (JsonNode d : list.json()) {
                listed.add(d.path("name").asText());
                boolean active = !d.path("state").asText().equals("shut off");
                if (active == d.path("id").isNull()) {
                    problems.add("list entry with state and id disagreeing: " + d);
                }
            }
            if (!listed.containsAll(names)) {
                problems.add("list lacks defined domains: " + listed);
            }
            String name = names.get(client % names.size());
            Response info = api.get("/1.0/domains/" + name);
            if (info.status() != 200) {
                problems.add("info: " + info);
                return;
            }
            JsonNode i = info.json();
            boolean active = !i.path("state").asText().equals("shut off");
            if (active == i.path("pid").isNull()) {
                problems.add("dominfo with state and pid disagreeing: " + i);
            }
            Response state = api.get("/1.0/domains/" + name + "/state");
            if (state.status() != 200) {
                problems.add("state: " + state);
            }
        } catch (RuntimeException e) {
            problems.add("request failed: " + e);
        }
    }

    private static void expect(Response r, String state, Queue<String> problems) {
        if (r.status() != 200 || !r.json().path("state").asText().equals(state)) {
            problems.add("expected " + state + ", got " + r);
        }
    }

    private static Path consoleLog(DaemonFixture f, String name) {
        return f.dirs.consoleLog(name); // the Hypervisor's console hub's log, across the cycles
    }
}
