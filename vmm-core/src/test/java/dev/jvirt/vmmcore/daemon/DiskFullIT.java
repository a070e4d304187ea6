package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disk full during define (a 256 KiB tmpfs as the state directory, in a mount namespace): the
 * define that does not fit is refused with the reason, every acknowledged definition is there and
 * whole, no temp file is left, and once there is room again defines work.
 */
@ExtendWith(TinyGuestExtension.class)
class DiskFullIT {

    @Test
    void aDefineThatDoesNotFitIsRefusedAndLeavesEverythingElseWhole(TinyGuest guest) throws Exception {
        assumeTrue(Jvirtd.currentUid() == 0, "needs root for unshare -m and mount");
        try (DaemonFixture f = new DaemonFixture()) {
            Path template = f.root.resolve("tmpl.xml");
            Files.writeString(template, DaemonFixture.tinyXml(guest, "tmpl"));
            Path out = f.root.resolve("scenario.out");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", java, "-XX:+UseSerialGC",
                    "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), DiskFullScenario.class.getName(),
                    f.dirs.state().toString(), f.dirs.runtime().toString(), template.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
            String output = Files.readString(out);
            System.out.println(output);
            assertThat(output).containsPattern("acknowledged=[1-9]").contains("refused=507 system-error")
                    .contains("No space left on device").contains("stored-broken=0 stray-temp-files=[]")
                    .contains("acknowledged-all-there=true").contains("define-after-room=201");
        }
    }
}
