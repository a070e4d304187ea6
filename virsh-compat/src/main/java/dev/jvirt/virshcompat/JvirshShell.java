package dev.jvirt.virshcompat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * jvirsh without a command: virsh's interactive shell on JLine ("jvirsh # ", quit/exit, completion,
 * history kept in {@link ShellHistory#file}); with piped input, lines are read plainly and echoed after the prompt, as virsh
 * does. As virsh's, the shell's own exit status is 0 whatever its commands did.
 */
final class JvirshShell {

    private final Jvirsh root;

    JvirshShell(Jvirsh root) {
        this.root = root;
    }

    int run() {
        printWelcome();
        if (root.in() == System.in && System.console() != null) {
            return interactive();
        }
        return piped();
    }

    /** stdin is not a terminal: read lines as they come, echoing each after the prompt as virsh does. */
    private int piped() {
        DefaultParser parser = new DefaultParser();
        BufferedReader lines = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
                try {
            for (String line; ; ) {
                root.out().print("jvirsh # ");
                root.out().flush();
                line = lines.readLine();
                if (line == null) {
                    root.out().println();
                    break;
                }
                root.out().println(line);
                if (execute(parser.parse(line, line.length()).words()) == null) {
                    root.out().println();
                    break;
                }
            }
        } catch (IOException e) {
            root.err().println("error: cannot read commands: " + e.getMessage());
            return ErrorReporter.FAILURE;
        }
        root.out().flush();
        return 0;
    }

    /** Runs one line's words; null for quit/exit; the last status otherwise (0 for an empty line). */
    private Integer execute(List<String> words) {
        List<String> nonEmpty = new ArrayList<>();
        for (String w : words) {
            if (!w.isEmpty()) {
                nonEmpty.add(w);
            }
        }
        if (nonEmpty.isEmpty()) {
            return 0;
        }
        if (nonEmpty.get(0).equals("quit") || nonEmpty.get(0).equals("exit")) {
            return null;
        }
        return Jvirsh.run(root.sibling(), nonEmpty.toArray(new String[0]));
    }

    private void printWelcome() {
        if (!root.quiet()) {
            root.out().print("Welcome to jvirsh, the virtualization interactive terminal.\n\n"
                    + "Type:  'help' for help with commands\n"
                    + "       'quit' to quit\n\n");
            root.out().flush();
        }
    }

    private int interactive() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReaderBuilder builder = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("jvirsh")
                    .completer(new ShellCompleter(root));
            Path history = ShellHistory.prepare(root.env());
            if (history != null) {
                builder.variable(LineReader.HISTORY_FILE, history);
            }
            LineReader reader = builder.build();
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
                if (execute(reader.getParser().parse(line, line.length()).words()) == null) {
                    break;
                }
            }
            root.out().flush();
            return 0;
        } catch (IOException e) {
            root.err().println("error: cannot open the terminal for the interactive shell: " + e.getMessage());
            return ErrorReporter.FAILURE;
        }
    }

}
