package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh desc DOMAIN [--title] [--new-desc TEXT]}: shows or sets a domain's description or title, as virsh. */
@Command(name = "desc", mixinStandardHelpOptions = true,
        description = {"Show or change a domain's description (<description>) or, with --title, its title (<title>, "
                + "which list --title shows). With --new-desc or text after the domain the text is set (empty: removed) "
                + "in the running guest's live definition and/or the stored one."})
public final class DescCommand extends LiveConfigCommand {
    @Option(names = "--title", description = "The title instead of the description.") boolean title;
    @Option(names = "--new-desc", paramLabel = "<string>", description = "The new description or title.") String newDesc;
    @Option(names = "--edit", description = "Edit in $EDITOR (not supported by jvirsh: give the text with --new-desc).") boolean edit;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "<text>", description = "The new text, as --new-desc.")
    List<String> words;

    private String context;

    @Override
    protected void execute() {
        if (edit) {
            throw new UsageException("desc --edit is not supported; give the new text with --new-desc");
        }
        Boolean[] f = scope();
        String text = newDesc != null ? newDesc : words == null ? null : String.join(" ", words);
        String what = title ? "title" : "description";
        if (text == null) {
            String current = client().tuning().description(name(), title, Boolean.TRUE.equals(f[1]));
            if (current == null) {
                out().println("No " + what + " for domain: " + client().domain(name()).name());
            } else {
                out().println(current);
            }
            return;
        }
        context = "Failed to set new domain " + what;
        client().tuning().describe(name(), title, text, f[0], f[1]);
        context = null;
        out().println("Domain " + what + " updated successfully");
    }

    @Override
    protected String failureContext() {
        return context;
    }
}
