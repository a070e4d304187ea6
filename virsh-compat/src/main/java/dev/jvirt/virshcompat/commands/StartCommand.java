package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh start}: starts a defined, shut off domain. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Start a (previously defined) inactive domain.",
            "With --paused QEMU is set up with the guest's CPUs stopped and they are never started: the guest "
                    + "runs no instruction until 'jvirsh resume'. "
                    + "With --console, jvirsh attaches to its serial console right after starting it."})
public final class StartCommand extends DomainCommand {

    @Option(names = "--paused", description = "Start with the CPUs stopped (paused (user)); 'jvirsh resume' runs the guest.")
    boolean paused;

    @Option(names = "--console", description = "Attach to the console after starting (its output since the start first).")
    boolean console;

    @Override
    protected void execute() throws Exception {
        client().start(name(), paused);
        info("Domain '" + name() + "' started");
        if (console) {
            ConsoleSession.attach(root, client(), name(), "rw", ConsoleSession.DEFAULT_ESCAPE, ConsoleSession.ALL_HISTORY);
        }
    }

    @Override
    protected String failureContext() {
        return "Failed to start domain '" + domain + "'";
    }

    @Override
    public String completesDomains() {
        return "inactive";
    }
}
