package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Guests;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.Jvirsh;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh guest-exec}: runs a command in a running guest by its QEMU guest agent. */
@Command(name = "guest-exec", mixinStandardHelpOptions = true,
        description = {"Run a command in a running guest by its QEMU guest agent (the domain needs an "
                + "org.qemu.guest_agent.0 channel, which the nested-lxd option adds) and wait for it to exit. "
                + "Its standard output and error are printed as they are; jvirsh exits with its exit status."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh guest-exec web1 -- uname -a",
            "  echo hello | jvirsh guest-exec web1 --stdin -- /bin/cat"})
public final class GuestExecCommand extends DomainCommand {

    @Parameters(index = "1..*", paramLabel = "<command>", arity = "1..*",
            description = "The program (a path in the guest, or a name the agent finds on its PATH) and its arguments; put -- before it.")
    List<String> command;

    @Option(names = "--stdin", description = "Give jvirsh's standard input to the command.")
    boolean stdin;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Wait up to SECONDS for the command to exit (default 60).")
    Integer timeout;

    @Override
    protected void execute() throws IOException {
        exitWith(run(root, name(), command, stdin, timeout));
    }

    /** Runs {@code argv} in the guest, prints its outputs raw and answers its exit status (jvirsh lxc too). */
    static int run(Jvirsh root, String name, List<String> argv, boolean stdin, Integer timeout) throws IOException {
        String input = stdin ? Base64.getEncoder().encodeToString(root.in().readAllBytes()) : null;
        Guests.ExecResult r = root.client().guestExec(name, new Guests.ExecRequest(argv, input, timeout));
        root.out().flush();
        root.stdout().write(Base64.getDecoder().decode(r.stdout()));
        root.stdout().flush();
        root.stderr().write(Base64.getDecoder().decode(r.stderr()));
        if (r.truncated()) {
            root.stderr().println("jvirsh: the guest agent cut the command's output");
        }
        root.stderr().flush();
        return (int) r.exitCode();
    }

    @Override
    protected boolean blankLine() {
        return false;
    }

    @Override
    protected String failureContext() {
        return "Failed to run the command in domain '" + domain + "'";
    }
}
