package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;
import dev.jvirt.vmmcore.lifecycle.StartPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 of a jvirtd subprocess in the middle of defines and of starts, then a restart: no
 * definition answered 201 is lost, none on disk is half-written, guests that were running are
 * reconnected, and no QEMU is left that jvirt does not know. And SIGTERM: the daemon stops serving,
 * the guests run on, the next daemon takes them over.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirtdCrashIT {

    @Test
    void killDuringDefinesLosesNothingAndLeavesNoHalfWrittenFile(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            String template = DaemonFixture.tinyXml(guest, "tmpl");
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 3; round++) {
                f.startProcess();
                UnixHttpClient api = f.client();
                int r = round;
                CompletableFuture<Void> definer = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        String name = "d" + r + "-" + i;
                        try {
                            Response res = api.post("/1.0/domains",
                                    Map.of("xml", template.replace("<name>tmpl</name>", "<name>" + name + "</name>")));
                            if (res.status() == 201) {
                                acknowledged.add(name);
                            }
                        } catch (RuntimeException e) {
                            return; // the daemon is gone
                        }
                    }
                });
                // Kill while defines stream in: once this round has some acknowledged, a little later.
                int before = acknowledged.size();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (acknowledged.size() < before + 3 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Thread.sleep(7L * round);
                f.killProcess();
                definer.join();
            }
            f.startProcess();
            Set<String> listed = names(f.client().get("/1.0/domains").json());
            assertThat(acknowledged).isNotEmpty();
            assertThat(listed).containsAll(acknowledged);
            for (Path file : definitionFiles(f)) {
                String name = file.getFileName().toString().replace(".xml", "");
                assertThat(DomainXml.parse(Files.readString(file), file.toString()).name()).isEqualTo(name);
                assertThat(listed).contains(name);
            }
        }
    }

    @Test
    void killDuringStartsLeavesNoOrphanAndReconnects(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            f.startProcess();
            UnixHttpClient api = f.client();
            api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "before")));
            assertThat(api.post("/1.0/domains/before/start", Map.of()).status()).isEqualTo(200);
            long beforePid = api.get("/1.0/domains/before").json().path("pid").asLong();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                names.add("s" + i);
                api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "s" + i)));
            }
            // Starts in flight at different points (launch, QMP setup, cont) when the daemon dies.
            List<CompletableFuture<Response>> starts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                long delay = 120L * i;
                starts.add(CompletableFuture.supplyAsync(() -> {
                    sleep(delay);
                    return api.post("/1.0/domains/" + n + "/start", Map.of());
                }));
            }
            Thread.sleep(350);
            f.killProcess();
            Map<String, Integer> answered = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                try {
                    answered.put(names.get(i), starts.get(i).join().status());
                } catch (RuntimeException e) {
                    answered.put(names.get(i), -1);
                }
            }

            f.startProcess();
            JsonNode list = f.client().get("/1.0/domains").json();
            assertThat(names(list)).containsAll(names).contains("before");
            List<Long> qemus = f.qemuPids();
            Set<Long> known = new TreeSet<>();
            for (JsonNode d : list) {
                JsonNode info = f.client().get("/1.0/domains/" + d.path("name").asText()).json();
                if (!info.path("pid").isNull()) {
                    known.add(info.path("pid").asLong());
                    assertThat(qemus).as("pid of running " + info).contains(info.path("pid").asLong());
                }
                if (answered.getOrDefault(d.path("name").asText(), 0) == 200) {
                    assertThat(info.path("state").asText()).as("acknowledged start of " + info).isEqualTo("running");
                }
            }
            assertThat(known).as("QEMU processes jvirt reports (answers before the kill: " + answered + ")")
                    .containsExactlyInAnyOrderElementsOf(qemus);
            JsonNode before = f.client().get("/1.0/domains/before").json();
            assertThat(before.path("state").asText()).isEqualTo("running");
            assertThat(before.path("pid").asLong()).isEqualTo(beforePid);
            for (JsonNode d : list) {
                if (!d.path("state").asText().equals("shut off")) {
                    assertThat(f.client().post("/1.0/domains/" + d.path("name").asText() + "/destroy", Map.of()).status())
                            .isEqualTo(200);
                }
            }
            assertThat(f.qemuPids()).isEmpty();
        }
    }

    /**
     * The daemon dies (SIGKILL) exactly at each phase of a start: QEMU daemonized but its pid not
     * yet recorded (only QEMU's pidfile names it), pid recorded, QMP set up before {@code cont}.
     * Each time a paused QEMU is left behind; the next daemon finds it by the runtime record (or
     * the pidfile) and kills it: the domain is shut off (failed), no QEMU is left, and it starts
     * again cleanly.
     */
    @ParameterizedTest
    @EnumSource(value = StartPhase.class, names = {"LAUNCHED", "PID_RECORDED", "MONITOR_READY"})
    void killAtAStartPhaseLeavesNoOrphanAndTheDomainShutOffFailed(StartPhase phase, TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            f.startProcess(CrashingJvirtd.class.getName(), phase.name(), "half");
            UnixHttpClient api = f.client();
            assertThat(api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "half"))).status()).isEqualTo(201);
            try {
                Response r = api.post("/1.0/domains/half/start", Map.of());
                throw new AssertionError("the start was answered: " + r);
            } catch (RuntimeException expected) {
                // the daemon died in the middle of it
            }
            assertThat(f.awaitProcessExit()).isEqualTo(137);
            List<Long> orphans = f.qemuPids();
            assertThat(orphans).as("the QEMU the killed start left").hasSize(1);
            JsonNode record = UnixHttpClient.JSON.readTree(f.dirs.qemuRuntime().resolve("half/status.json").toFile());
            assertThat(record.path("phase").asText()).isEqualTo("STARTING");
            assertThat(record.path("pid").asLong()).isEqualTo(phase == StartPhase.LAUNCHED ? 0 : orphans.get(0));

            f.startProcess();
            JsonNode info = f.client().get("/1.0/domains/half").json();
            assertThat(info.path("state").asText() + " (" + info.path("reason").asText() + ")").isEqualTo("shut off (failed)");
            assertThat(info.path("pid").isNull()).isTrue();
            assertThat(f.qemuPids()).isEmpty();
            assertThat(f.dirs.qemuRuntime().resolve("half")).doesNotExist();

            assertThat(f.client().post("/1.0/domains/half/start", Map.of()).json().path("state").asText()).isEqualTo("running");
            assertThat(f.client().post("/1.0/domains/half/destroy", Map.of()).status()).isEqualTo(200);
            assertThat(f.qemuPids()).isEmpty();
        }
    }

    @Test
    void sigtermStopsServingAndLeavesGuestsRunning(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            Process daemon = f.startProcess();
            UnixHttpClient api = f.client();
            api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "stay")));
            assertThat(api.post("/1.0/domains/stay/start", Map.of()).status()).isEqualTo(200);
            long pid = api.get("/1.0/domains/stay").json().path("pid").asLong();
            daemon.destroy(); // SIGTERM
            assertThat(daemon.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(f.options.socket()).doesNotExist();
            assertThat(Files.readString(f.options.lockFile())).isEmpty();
            assertThat(f.output()).contains("jvirtd stopping; guests keep running").contains("jvirtd stopped");
            assertThat(f.qemuPids()).containsExactly(pid);
            f.startProcess();
            JsonNode again = f.client().get("/1.0/domains/stay").json();
            assertThat(again.path("state").asText()).isEqualTo("running");
            assertThat(again.path("pid").asLong()).isEqualTo(pid);
            assertThat(f.client().post("/1.0/domains/stay/destroy", Map.of()).status()).isEqualTo(200);
            assertThat(f.qemuPids()).isEmpty();
        }
    }

    private static Set<String> names(JsonNode list) {
        Set<String> names = new TreeSet<>();
        list.forEach(d -> names.add(d.path("name").asText()));
        return names;
    }

    private static List<Path> definitionFiles(DaemonFixture f) throws IOException {
        try (Stream<Path> files = Files.list(f.dirs.qemuDefinitions())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
