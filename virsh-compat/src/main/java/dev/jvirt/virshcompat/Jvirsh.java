package dev.jvirt.virshcompat;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jvirsh}: virsh's commands, options and output over jvirtd's API. One class per command;
 * this one is the root that holds the global options.
 */
@Command(name = "jvirsh",
        mixinStandardHelpOptions = true,
        versionProvider = JvirtVersion.class,
        description = "Manage QEMU/KVM guests through jvirtd, the way virsh does through libvirtd.",
        subcommands = {VersionCommand.class})
public final class Jvirsh implements Runnable {

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = "Connect to URI (vmm:///session, vmm:///system; qemu:// aliases accepted). "
                    + "Default: $JVIRT_DEFAULT_URI, else vmm:///session (vmm:///system as root).")
    String connect;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs jvirsh with the given streams and returns its exit status (for tests: no System.exit). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Jvirsh());
        cli.setOut(out);
        cli.setErr(err);
        // virsh: "error: ..." and exit status 1 for any failure, bad usage included.
        cli.setParameterExceptionHandler((ex, ignored) -> {
            err.println("error: " + ex.getMessage());
            err.println("Run 'jvirsh --help' (or 'jvirsh COMMAND --help') for usage.");
            return 1;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
