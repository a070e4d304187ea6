package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bash completion script the distribution installs is the one the command model generates
 * (regenerate with -Djvirt.golden.update=true), and bash completes with it as intended.
 */
class BashCompletionTest {

    static final Path SCRIPT = Path.of("src/main/bash-completion/jvirsh");

    @Test
    void committedScriptIsCurrent() throws IOException {
        JvirshRun r = JvirshRun.of("__bash-completion");
        assertThat(r.status()).isZero();
        if (Boolean.getBoolean("jvirt.golden.update")) {
            Files.createDirectories(SCRIPT.getParent());
            Files.writeString(SCRIPT, r.out());
        }
        assertThat(Files.readString(SCRIPT)).as("regenerate with -Djvirt.golden.update=true").isEqualTo(r.out());
    }

    @Test
    void completesCommandsOptionsAndDomainsInBash() throws Exception {
        // A stand-in jvirsh that answers __complete-domains, so no daemon is needed.
        Path dir = Files.createTempDirectory("jvirsh-completion");
        Path fakeJvirsh = dir.resolve("jvirsh");
        // with --state it answers as jvirtd would for two running domains (web1, web2) and a shut-off one (db)
        Files.writeString(fakeJvirsh, "#!/bin/sh\n[ \"$3\" = __complete-domains ] && [ \"$1\" = -c ] || exit 0\n"
                + "case \"$5\" in active|running) printf 'web1\\nweb2\\n' ;; inactive) printf 'db\\n' ;; paused) ;; "
                + "*) printf 'web1\\nweb2\\ndb\\n' ;; esac\n");
        fakeJvirsh.toFile().setExecutable(true);
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session dom")).contains("dominfo", "domstate", "domblklist")
                .doesNotContain("list");
        assertThat(complete(fakeJvirsh, "jvirsh list --st")).contains("--state-running", "--state-shutoff");
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session dominfo we")).containsExactly("web1", "web2");
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session event --domain d")).containsExactly("db");
        assertThat(complete(fakeJvirsh, "jvirsh domxml-to-native q")).containsExactly("qemu-argv");
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session console ")).containsExactly("web1", "web2");
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session start ")).containsExactly("db");
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session resume ")).isEmpty();
        assertThat(complete(fakeJvirsh, "jvirsh -c vmm:///session dominfo ")).containsExactly("web1", "web2", "db");
        Files.delete(fakeJvirsh);
        Files.delete(dir);
    }

    private static List<String> complete(Path jvirsh, String line) throws Exception {
        String script = "source " + SCRIPT.toAbsolutePath() + "\n"
                + "COMP_LINE='" + line + "'\nread -ra COMP_WORDS <<< \"$COMP_LINE\"\n"
                + (line.endsWith(" ") ? "COMP_WORDS+=('')\n" : "")
                + "COMP_WORDS[0]=" + jvirsh + "\nCOMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
                + "_jvirsh\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(s -> !s.isEmpty()).toList();
    }
}
