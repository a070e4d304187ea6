package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pre-created 0777 {@code /tmp/jvirt-$UID} owned by {@code nobody}, with a planted socket and a
 * planted {@code jvirtd.log} symlink to the victim's own 0600 file: jvirtd (session mode, no
 * XDG_RUNTIME_DIR) refuses it with a message that says what to fix, leaves the planted files
 * alone and writes nothing through the link. Runs in a mount namespace with a tmpfs on /tmp, so
 * the machine's real /tmp/jvirt-0 is never touched.
 */
class PlantedRuntimeDirIT {
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        // Not under /tmp: the scenario's tmpfs hides /tmp, and the victim's file must stay visible.
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        work = Files.createTempDirectory(target, "planted-");
    }

    @AfterEach
    void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(work)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void jvirtdRefusesARuntimeDirSomeoneElseMadeAndWritesNothingThroughItsLink() throws Exception {
        assumeTrue(Jvirtd.currentUid() == 0, "needs root for unshare -m and chown to nobody");
        Path victim = work.resolve("victim-notes.txt");
        byte[] original = "the victim's own notes\n".getBytes(StandardCharsets.UTF_8);
        Files.write(victim, original);
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-------"));

        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", java,
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                PlantedRuntimeDirScenario.class.getName(), victim.toString(), work.resolve("state").toString()));
        Path out = work.resolve("scenario.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.remove("XDG_RUNTIME_DIR");
        env.remove("XDG_DATA_HOME");
        Process p = pb.start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("scenario finished").isTrue();
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        String output = Files.readString(out);

        System.out.println(output);
        assertThat(output).as(output).contains("rc=1");
        assertThat(output).contains("stderr=jvirtd: cannot start: will not use runtime directory /tmp/jvirt-0")
                .contains("owned by uid 65534 (nobody)").contains("mode 0777")
                .contains("XDG_RUNTIME_DIR");
        assertThat(output).contains("planted-socket-untouched=true").contains("log-still-a-link=true");
        assertThat(Files.readAllBytes(victim)).as("nothing written through the planted link").isEqualTo(original);
        assertThat(Files.getPosixFilePermissions(victim)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
