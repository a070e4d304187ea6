package dev.jvirt.vmmcore.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnectOptions;
import dev.jvirt.qmpclient.QmpConnection;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a QEMU binary what it can do, over QMP: it runs {@code -machine none -S} (no guest), answers
 * {@code query-version}, {@code query-machines} and {@code qom-list-types}, and quits.
 */
public final class QmpCapabilitiesProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final QmpClientFactory qmp;

    public QmpCapabilitiesProbe(QmpClientFactory qmp) {
        this.qmp = qmp;
    }

    public ProbedBinary probe(Path emulator) throws IOException, InterruptedException {
        BinaryIdentity identity = BinaryIdentity.of(emulator);
        Path dir = Files.createTempDirectory("jvirt-probe-");
        Path socket = dir.resolve("qmp.sock");
        Path log = dir.resolve("qemu.log");
        Process qemu = new ProcessBuilder(List.of(emulator.toString(), "-machine", "none", "-S", "-nodefaults",
                "-no-user-config", "-display", "none", "-qmp", "unix:" + socket + ",server=on,wait=off"))
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (QmpConnection c = qmp.connect(socket, QmpConnectOptions.defaults().withConnectTimeout(TIMEOUT))
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            JsonNode version = c.execute("query-version").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode machines = c.execute("query-machines").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode types = c.execute("qom-list-types", JsonNodeFactory.instance.objectNode()
                    .put("implements", "device").put("abstract", false)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ProbedBinary probed = parse(identity, emulator.toString(), version, machines, types);
            // QEMU answers quit and closes the socket; either ends the wait.
            c.execute("quit").handle((r, e) -> r).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return probed;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("probing " + emulator + " over QMP failed: " + cause.getMessage()
                    + tail(log), cause);
        } finally {
            if (!qemu.waitFor(5, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
                qemu.waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }

    private static String tail(Path log) {
        List<String> lines = LogTail.read(log, 5);
        return lines.isEmpty() ? "" : "; QEMU said: " + String.join(" / ", lines);
    }

    /** Builds the result from QMP's answers (public for tests with recorded answers). */
    public static ProbedBinary parse(BinaryIdentity identity, String emulator, JsonNode version,
                                     JsonNode machines, JsonNode types) {
        JsonNode q = version.path("qemu");
        String v = q.path("major").asInt() + "." + q.path("minor").asInt() + "." + q.path("micro").asInt();
        Set<String> names = new TreeSet<>();
        Map<String, String> aliases = new HashMap<>();
        for (JsonNode m : machines) {
            String name = m.path("name").asText();
            names.add(name);
            if (m.hasNonNull("alias")) {
                names.add(m.get("alias").asText());
                aliases.put(m.get("alias").asText(), name);
            }
        }
        Set<String> devices = new TreeSet<>();
        for (JsonNode t : types) {
            devices.add(t.path("name").asText());
        }
        return new ProbedBinary(identity, emulator, v, names, aliases, devices);
    }
}
