package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a real terminal (tmux) keeps its history in
 * $XDG_STATE_HOME/jvirt/jvirsh_history: a line typed in one shell is in the file, and the next
 * shell brings it back with the up arrow.
 */
class JvirshShellHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void historySurvivesTheShell(@TempDir Path scratch) throws Exception {
        Distribution dist = Distribution.find(scratch);
        Path state = scratch.resolve("state");
        List<String> shell = List.of("env", "XDG_STATE_HOME=" + state, "JVIRT_CDS=off", dist.jvirsh().toString());
        String server = "jvirt-history-" + ProcessHandle.current().pid();
        try (Tmux tmux = Tmux.start(server, shell)) {
            tmux.awaitScreen("the prompt", s -> s.contains("jvirsh # "), WAIT);
            tmux.type("help uri");
            tmux.key("Enter");
            tmux.awaitScreen("uri's help", s -> s.contains("Usage: jvirsh uri"), WAIT);
            tmux.type("quit");
            tmux.key("Enter");
            awaitHistory(state.resolve("jvirt/jvirsh_history"));
        }
        assertThat(Files.readString(state.resolve("jvirt/jvirsh_history"))).contains("help uri");
        assertThat(Files.getPosixFilePermissions(state.resolve("jvirt")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        try (Tmux tmux = Tmux.start(server, shell)) {
            tmux.awaitScreen("the prompt", s -> s.contains("jvirsh # "), WAIT);
            tmux.key("Up");
            tmux.key("Up");
            tmux.awaitScreen("the earlier line", s -> s.contains("jvirsh # help uri"), WAIT);
        }
    }

    private static void awaitHistory(Path file) throws InterruptedException, java.io.IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(file) && Files.readString(file).contains("quit"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no history written to " + file);
            }
            Thread.sleep(100);
        }
    }
}
