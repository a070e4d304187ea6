package dev.jvirt.vmmcore.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.jvirt.vmmcore.security.CurrentUser;
import dev.jvirt.vmmcore.security.PrivateDirs;
import dev.jvirt.vmmcore.security.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at stderr and {@code LOGDIR/jvirtd.log} (jvirtd-logback.xml beside this class).
 * When stderr is systemd's journal ({@link JournalStream}), its lines carry the journal's
 * priority prefix and no time stamp.
 */
final class LogSetup {

    private LogSetup() {
    }

    /**
     * {@code logDir} is made (or checked) 0700 and {@code jvirtd.log} created 0600 without
     * following a link before Logback opens it: no one else can have planted one there.
     */
    static void configure(Path logDir, boolean verbose) throws IOException {
        int uid = CurrentUser.uid();
        PrivateDirs.ensure(logDir, uid, 0700, new PrivateDirs.Role("log directory", "choose another --state-dir"));
        PrivateFiles.prepare(logDir.resolve("jvirtd.log"), uid);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding: leave it alone
        }
        ctx.reset();
        ctx.putProperty("jvirtd.logDir", logDir.toAbsolutePath().toString());
        ctx.putProperty("jvirtd.level", verbose ? "DEBUG" : "INFO");
        ctx.putProperty("jvirtd.stderrPattern", JournalStream.isStderr(System.getenv("JOURNAL_STREAM"))
                ? "%syslogPrefix%logger{0}: %msg%n" : "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        try (InputStream in = LogSetup.class.getResourceAsStream("jvirtd-logback.xml")) {
            joran.doConfigure(in);
        } catch (JoranException e) {
            throw new IOException("cannot configure logging: " + e.getMessage(), e);
        }
    }
}
