package dev.jvirt.virshcompat.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What runs in the tmux pane of {@link JvirshConsoleTerminalIT}, in place of a user's shell: it
 * holds the pane's terminal, records {@code stty -g} at the start ({@code before}), then runs each
 * command the test drops into its directory ({@code cmd1}, {@code cmd2}, ...: one argument per
 * line) with the terminal as its stdin, stdout and stderr, and records its exit status
 * ({@code exitN}) and {@code stty -g} afterwards ({@code afterN}). Every file is written whole,
 * then renamed into place. Arguments: DIR. It ends after a command file named {@code quit}.
 */
public final class TerminalPane {

    private TerminalPane() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        publish(dir, "pid", Long.toString(ProcessHandle.current().pid()));
        publish(dir, "before", stty());
        for (int run = 1; ; run++) {
            Path cmd = dir.resolve("cmd" + run);
            while (!Files.exists(cmd) && !Files.exists(dir.resolve("quit"))) {
                Thread.sleep(50);
            }
            if (!Files.exists(cmd)) {
                return;
            }
            List<String> argv = Files.readAllLines(cmd, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(argv).inheritIO().start();
            publish(dir, "started" + run, Long.toString(p.pid()));
            int status = p.waitFor();
            publish(dir, "exit" + run, Integer.toString(status));
            publish(dir, "after" + run, stty());
        }
    }

    /** {@code stty -g} of this process's terminal (stdin). */
    private static String stty() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stty", "-g").redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return p.waitFor() == 0 ? out : "stty failed: " + out;
    }

    private static void publish(Path dir, String name, String text) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
