package dev.jvirt.virshcompat;

import java.io.IOException;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** jvirsh without a command: virsh's interactive shell on JLine ("jvirsh # ", quit/exit, history, completion). */
final class JvirshShell {

    private final Jvirsh root;

    JvirshShell(Jvirsh root) {
        this.root = root;
    }

    int run() {
        try (Terminal terminal = terminal()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("jvirsh")
                    .completer(new ShellCompleter(root))
                    .build();
            if (!root.quiet()) {
                root.out().print("Welcome to jvirsh, the virtualization interactive terminal.\n\n"
                        + "Type:  'help' for help with commands\n"
                        + "       'quit' to quit\n\n");
                root.out().flush();
            }
            int status = 0;
            while (true) {
                String line;
                try {
                    line = reader.readLine("jvirsh # ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    root.out().println();
                    break;
                }
                List<String> words = reader.getParser().parse(line, line.length()).words();
                words = words.stream().filter(w -> !w.isEmpty()).toList();
                if (words.isEmpty()) {
                    continue;
                }
                if (words.get(0).equals("quit") || words.get(0).equals("exit")) {
                    break;
                }
                status = Jvirsh.run(root.sibling(), words.toArray(new String[0]));
            }
            root.out().flush();
            return status;
        } catch (IOException e) {
            root.err().println("error: cannot open the terminal for the interactive shell: " + e.getMessage());
            return ErrorReporter.FAILURE;
        }
    }

    private Terminal terminal() throws IOException {
        if (root.in() == System.in && root.stdout() == System.out) {
            return TerminalBuilder.builder().system(true).build();
        }
        return TerminalBuilder.builder().system(false).streams(root.in(), root.stdout()).type(Terminal.TYPE_DUMB).build();
    }
}
