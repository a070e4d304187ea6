package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh console}: the domain's serial console. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Connect to the serial console of a running domain. Keys go to the guest; the escape "
                + "character (Ctrl+] unless --escape says otherwise) detaches. One client may type at a time.",
            "With stdin a pipe (not a terminal), jvirsh sends what it reads to the guest, prints the guest's "
                    + "output, and detaches once input has ended and the guest has been quiet for a second."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh console web1", "  printf 'uname -a\\n' | jvirsh console web1"})
public final class ConsoleCommand extends DomainCommand {

    @Option(names = "--force", description = "Take the console over from another client that has it.")
    boolean force;

    @Option(names = "--safe", description = "Only connect if the console can be used safely (jvirtd always ensures this).")
    boolean safe;

    @Option(names = {"--escape", "-e"}, paramLabel = "CHAR", description = "The escape character: ^X or one character (default ^]).")
    String escape = ConsoleSession.DEFAULT_ESCAPE;

    @Override
    protected void execute() {
        exitWith(ConsoleSession.attach(root, client(), name(), force ? "force" : "rw", escape));
    }

    @Override
    protected boolean simpleFlag(String flag) {
        switch (flag) {
            case "--force":
                force = true;
                return true;
            case "--safe":
                safe = true;
                return true;
            default:
                return false;
        }
    }
}
