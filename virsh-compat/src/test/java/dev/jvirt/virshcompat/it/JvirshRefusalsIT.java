package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bin/jvirsh against a real jvirtd's refusals (issue #16): each shows what jvirtd (or jvirsh,
 * for what it checks itself) says, never a lost connection.
 */
class JvirshRefusalsIT {

    @Test
    void definitionsTheDaemonOrJvirshRefusesSayWhy() throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-refusals-");
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));

            // 50 MB: over jvirtd's 4 MiB limit. jvirtd reads and drops the body, answers 413
            // too-large with its own message, and closes: jvirsh shows that message.
            Path huge = scratch.resolve("huge.xml");
            Files.writeString(huge, "<domain type='qemu'><name>huge</name>" + "<!-- padding -->".repeat(50 << 16) + "</domain>");
            Result big = jvirsh.run("define", huge.toString());
            assertThat(big.status()).as(big.toString()).isEqualTo(1);
            assertThat(big.err()).as(big.toString()).startsWith("error: Failed to define domain from " + huge + "\n")
                    .contains("error: invalid argument: the request body is ").contains("jvirtd accepts at most 4194304 bytes")
                    .doesNotContain("internal error").doesNotContain("Broken pipe").doesNotContain("lost the connection");

            // Not UTF-8: jvirsh names the file and the offset of the first bad byte.
            Path latin1 = scratch.resolve("latin1.xml");
            Files.write(latin1, "<domain type='qemu'><name>caf\u00e9</name></domain>\n".getBytes(StandardCharsets.ISO_8859_1));
            Result bad = jvirsh.run("define", latin1.toString());
            assertThat(bad.err()).as(bad.toString()).isEqualTo("error: Failed to define domain from " + latin1 + "\n"
                    + "error: " + latin1 + " is not UTF-8 text: byte 0xe9 at byte offset 29 (line 1) does not start a UTF-8 character\n");

            // An invalid definition: jvirtd's own message, with its line:column.
            Path broken = scratch.resolve("broken.xml");
            Files.writeString(broken, "<domain type='qemu'>\n  <name>x</name>\n  <memory>12\n</domain>\n");
            Result invalid = jvirsh.run("define", broken.toString());
            assertThat(invalid.err()).as(invalid.toString()).startsWith("error: Failed to define domain from " + broken
                    + "\nerror: XML error: ").containsPattern("\\d+:\\d+: ");

            // and the daemon is still there, with nothing defined
            Result list = jvirsh.run("list", "--all", "--name");
            assertThat(list.status()).as(list.toString()).isZero();
            assertThat(list.out()).isEqualTo("\n");
        }
    }
}
