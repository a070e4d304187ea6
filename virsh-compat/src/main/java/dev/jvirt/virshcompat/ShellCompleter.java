package dev.jvirt.virshcompat;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion in the shell: command names first, then options of that command and domain names. */
final class ShellCompleter implements Completer {

    private final Jvirsh root;

    ShellCompleter(Jvirsh root) {
        this.root = root;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (String name : CommandRegistry.NAMES) {
                if (!name.startsWith("__")) {
                    candidates.add(new Candidate(name));
                }
            }
            candidates.add(new Candidate("help"));
            candidates.add(new Candidate("quit"));
            return;
        }
        String command = line.words().get(0);
        if (!CommandRegistry.exists(command)) {
            return;
        }
        if (line.word().startsWith("-")) {
            picocli.CommandLine cl = new picocli.CommandLine(CommandRegistry.create(command));
            for (picocli.CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                candidates.add(new Candidate(o.longestName()));
            }
            return;
        }
        try {
            for (var d : root.client().domains()) {
                candidates.add(new Candidate(d.name()));
            }
        } catch (RuntimeException noDaemon) {
            // nothing to offer
        }
    }
}
