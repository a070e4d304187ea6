package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.ApiTransport;
import dev.jvirt.virshcompat.client.ConnectUri;
import dev.jvirt.virshcompat.client.Env;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jvirsh}: virsh's commands, options and output over jvirtd's API. One class per command;
 * this one is the root that holds the global options. Without a command it is an interactive shell.
 */
@Command(name = "jvirsh",
        mixinStandardHelpOptions = true,
        versionProvider = JvirtVersion.class,
        synopsisHeading = "%nUsage: ",
        customSynopsis = "jvirsh [-hqV] [--verbose] [-c URI] [COMMAND [ARGS...]]",
        description = {"",
            "Manage QEMU/KVM guests through jvirtd, the way virsh does through libvirtd: the same command "
                    + "names, options, output and exit status (0 on success, 1 on any failure).",
            "",
            "Without a command, jvirsh reads commands from an interactive shell (prompt 'jvirsh # '; "
                    + "'quit' or 'exit' leaves it)."},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nConnections:%n",
        footer = {"  vmm:///session  the user's own daemon, started on demand (socket $XDG_RUNTIME_DIR/jvirt/jvirtd.sock,",
            "                   or /tmp/jvirt-$UID/jvirtd.sock without XDG_RUNTIME_DIR)",
            "  vmm:///system   root's daemon (socket /run/jvirt/jvirtd.sock); the default for root",
            "  qemu:///session and qemu:///system are aliases; ?socket=PATH names a socket outright.",
            "",
            "Run 'jvirsh COMMAND --help' for the options of a command."})
public final class Jvirsh implements Callable<Integer> {

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = "Connect to URI (vmm:///session, vmm:///system; qemu:// aliases accepted). "
                    + "Default: $JVIRT_DEFAULT_URI, else vmm:///session (vmm:///system as root).")
    String connect;

    @Option(names = {"-q", "--quiet"}, description = "Quiet mode: leave out informational messages.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show each call to jvirtd's API on stderr: method, path, "
            + "socket, status and time.")
    boolean verbose;

    private final Env env;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private ApiClient client;

    Jvirsh(Env env, InputStream in, PrintWriter out, PrintWriter err, PrintStream stdout, PrintStream stderr) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A copy with the same streams and global options: the shell runs each line on one. */
    Jvirsh sibling() {
        Jvirsh j = new Jvirsh(env, in, out, err, stdout, stderr);
        j.connect = connect;
        j.quiet = quiet;
        j.verbose = verbose;
        j.client = client;
        return j;
    }

    /** Standard output as bytes, for the console (the same stream as {@link #out()}). */
    public PrintStream stdout() {
        return stdout;
    }

    public PrintStream stderr() {
        return stderr;
    }

    /** The API client for the chosen URI, made on first use (so --help never connects). */
    public ApiClient client() {
        if (client == null) {
            client = new ApiClient(new ApiTransport(ConnectUri.resolve(connect, env), env, verbose ? err : null));
        }
        return client;
    }

    public boolean quiet() {
        return quiet;
    }

    public Env env() {
        return env;
    }

    public InputStream in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** No command: the interactive shell. */
    @Override
    public Integer call() {
        return new JvirshShell(this).run();
    }

    /** Runs jvirsh with the given streams and returns its exit status (for tests: no System.exit). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Env.system(), System.in, out, err, args);
    }

    public static int run(Env env, InputStream in, PrintWriter out, PrintWriter err, String... args) {
        return run(new Jvirsh(env, in, out, err, WriterStream.of(out), WriterStream.of(err)), args);
    }

    static int run(Jvirsh root, String... args) {
        Integer fast = FastPath.run(root, args);
        if (fast != null) {
            root.out.flush();
            root.err.flush();
            return fast;
        }
        CommandLine cli = newCommandLine(root, args);
        int status = cli.execute(args);
        root.out.flush();
        root.err.flush();
        return status;
    }

    /**
     * The command line with only the subcommand {@code args} names (building all of them costs
     * start-up time a single command does not need); with all of them for help, the shell and errors.
     */
    static CommandLine newCommandLine(Jvirsh root, String... args) {
        CommandLine cli = new CommandLine(root);
        String name = FastPath.commandName(args);
        if (name != null && CommandRegistry.exists(name)) {
            cli.addSubcommand(name, CommandRegistry.create(name));
        } else {
            CommandRegistry.addAll(cli);
        }
        cli.setOut(root.out);
        cli.setErr(root.err);
        cli.setParameterExceptionHandler(new UsageErrors(root.err));
        return cli;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(new Jvirsh(Env.system(), System.in, out, err, System.out, System.err), args);
        System.exit(status);
    }
}
