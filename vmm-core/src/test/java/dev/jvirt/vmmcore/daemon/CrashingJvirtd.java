package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.lifecycle.StartPhase;

/**
 * A jvirtd (child JVM of {@link JvirtdCrashIT}) that kills itself with SIGKILL the moment a start
 * of one domain reaches one {@link StartPhase}: the exact window a real crash could hit by chance.
 * Arguments: {@code PHASE DOMAIN} then jvirtd's own options.
 */
public final class CrashingJvirtd {

    private CrashingJvirtd() {
    }

    public static void main(String[] args) throws Exception {
        StartPhase crashAt = StartPhase.valueOf(args[0]);
        String domain = args[1];
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        DaemonOptions options = DaemonOptions.parse(rest, Jvirtd.currentUid(), System.getenv(),
                System.getProperty("user.home"));
        LogSetup.configure(options.logDir(), options.verbose());
        HypervisorConfig config = HypervisorConfig.of(options.dirs()).withStartObserver((name, phase) -> {
            if (name.equals(domain) && phase == crashAt) {
                killSelf();
            }
        });
        Jvirtd daemon = Jvirtd.start(options, config);
        daemon.awaitClosed();
    }

    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            Thread.sleep(60_000); // SIGKILL is on its way: nothing after this point runs
        } catch (Exception e) {
            Runtime.getRuntime().halt(137);
        }
    }
}
