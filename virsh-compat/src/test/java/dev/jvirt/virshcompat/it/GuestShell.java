package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One shell line run in the tiny guest over {@code jvirsh console} (its input ended, so the
 * console ends and the line runs on), and its answer awaited in the domain's console log.
 */
final class GuestShell {

    private GuestShell() {
    }

    /** Runs {@code line} in domain {@code domain}'s shell; waits up to 60 s for {@code answer} in {@code log}. */
    static void run(Cli jvirsh, String domain, Path log, String line, String answer) throws Exception {
        Process console = jvirsh.start("console", domain);
        Cli.write(console.getOutputStream(), line + "\n");
        console.getOutputStream().close();
        assertThat(console.waitFor(60, TimeUnit.SECONDS)).as("jvirsh console " + domain + " ended").isTrue();
        SerialOutput.await(log, answer, Duration.ofSeconds(60));
    }
}
