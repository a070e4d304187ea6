package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.host.Check;
import dev.jvirt.virshcompat.host.HostValidator;
import dev.jvirt.virshcompat.host.LinuxHostFacts;
import picocli.CommandLine.Command;

/** {@code jvirsh host-validate}: can this host run guests, and how fast; checked here, without the daemon. */
@Command(name = "host-validate", mixinStandardHelpOptions = true,
        description = {"Check that this host can run QEMU guests, as 'virt-host-validate qemu' does: hardware "
                + "virtualization, /dev/kvm (present, accessible, and able to create and run a VM), /dev/vhost-net, "
                + "/dev/net/tun, bridge support and cgroup controllers. Runs locally; needs no daemon.",
            "Each line ends in PASS, WARN (works, but slower or with less) or FAIL (that part cannot work; "
                    + "the advice says what to do). Exit status 1 when any check fails."})
public final class HostValidateCommand extends JvirshCommand {

    @Override
    protected void execute() {
        boolean failed = false;
        for (Check c : new HostValidator(new LinuxHostFacts()).run()) {
            out().println(c.line("QEMU"));
            failed |= c.result() == Check.Result.FAIL;
        }
        exitWith(failed ? 1 : 0);
    }

    @Override
    protected boolean blankLine() {
        return false;
    }
}
