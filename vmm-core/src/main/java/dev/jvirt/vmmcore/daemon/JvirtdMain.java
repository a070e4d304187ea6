package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.security.Umask;
import java.io.IOException;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/jvirtd}: parses the options, sets up logging, runs the daemon until
 * SIGTERM/SIGINT (a shutdown hook closes it; guests keep running).
 */
public final class JvirtdMain {

    private JvirtdMain() {
    }

    public static void main(String[] args) {
        int rc = run(System.out, System.err, args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** jvirtd.service is Type=notify: READY=1 once the socket serves (a no-op outside systemd). */
    private static void notifySystemd(String state) {
        try {
            SdNotify.notify(System.getenv("NOTIFY_SOCKET"), state);
        } catch (IOException e) {
            LoggerFactory.getLogger(JvirtdMain.class).warn("{}", e.getMessage());
        }
    }

    /** picocli's model of jvirtd's command line (its --help and its man page). */
    public static CommandLine commandLine() {
        return new CommandLine(new JvirtdCommand());
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = commandLine();
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("jvirtd: " + e.getMessage() + " (jvirtd --help lists the options)");
            return 2;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return 0;
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return 0;
        }
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(args, Jvirtd.currentUid(), System.getenv(), System.getProperty("user.home"));
        } catch (IllegalArgumentException e) {
            err.println("jvirtd: " + e.getMessage());
            return 2;
        }
        Jvirtd daemon;
        try {
            Umask.set(Umask.PRIVATE);
            Jvirtd.prepareDirs(options);
            LogSetup.configure(options.logDir(), options.verbose());
            daemon = Jvirtd.start(options);
        } catch (InstanceLock.AlreadyRunningException e) {
            err.println("jvirtd: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("jvirtd: cannot start: " + e.getMessage());
            return 1;
        }
        notifySystemd("READY=1");
        Jvirtd running = daemon;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            notifySystemd("STOPPING=1");
            running.close();
        }, "jvirtd-shutdown"));
        try {
            daemon.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
