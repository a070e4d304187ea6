package dev.jvirt.virshcompat;

import picocli.CommandLine.Command;

/** {@code jvirsh __bash-completion}: prints the bash completion script (hidden; the build installs its output). */
@Command(name = BashCompletionCommand.NAME, hidden = true, description = "Print the bash completion script.")
final class BashCompletionCommand extends JvirshCommand {

    static final String NAME = "__bash-completion";

    @Override
    protected void execute() {
        out().print(BashCompletion.script(Jvirsh.newCommandLine(root.sibling())));
    }

    @Override
    protected boolean blankLine() {
        return false;
    }
}
