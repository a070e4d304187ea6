package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh lxc}: LXD's {@code lxc} client, run inside the guest by its guest agent. */
@Command(name = "lxc", mixinStandardHelpOptions = true,
        description = {"Run LXD's lxc command inside a running guest (one with the nested-lxd option, or any "
                + "guest with LXD and a guest agent) and print its output; jvirsh exits with lxc's exit status."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh lxc web1 -- launch busybox c1",
            "  jvirsh lxc web1 -- list",
            "  jvirsh lxc web1 -- exec c1 -- ip addr"})
public final class LxcCommand extends DomainCommand {

    @Parameters(index = "1..*", paramLabel = "<args>", arity = "1..*", description = "lxc's arguments; put -- before them.")
    List<String> args;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Wait up to SECONDS for lxc to exit (default 300).")
    Integer timeout;

    @Override
    protected void execute() throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("/usr/bin/lxc");
        argv.addAll(args);
        exitWith(GuestExecCommand.run(root, name(), argv, false, timeout == null ? 300 : timeout));
    }

    @Override
    protected boolean blankLine() {
        return false;
    }

    @Override
    protected String failureContext() {
        return "Failed to run lxc in domain '" + domain + "'";
    }
}
