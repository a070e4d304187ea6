package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.HypervisorConfig;

/**
 * jvirtd as bin/jvirtd runs it (a child JVM of a test; SIGTERM stops it cleanly), with console logs
 * of {@code FILE_BYTES} x ({@code KEEP} + 1). Arguments: {@code FILE_BYTES KEEP} then jvirtd's own options.
 */
public final class ConfiguredJvirtd {

    private ConfiguredJvirtd() {
    }

    public static void main(String[] args) throws Exception {
        long fileBytes = Long.parseLong(args[0]);
        int keep = Integer.parseInt(args[1]);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        DaemonOptions options = DaemonOptions.parse(rest, Jvirtd.currentUid(), System.getenv(),
                System.getProperty("user.home"));
        LogSetup.configure(options.logDir(), options.verbose());
        Jvirtd daemon = Jvirtd.start(options, HypervisorConfig.of(options.dirs()).withConsoleLog(fileBytes, keep));
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "jvirtd-shutdown"));
        daemon.awaitClosed();
    }
}
