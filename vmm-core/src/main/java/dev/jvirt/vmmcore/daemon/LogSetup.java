package dev.jvirt.vmmcore.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.jvirt.vmmcore.security.CurrentUser;
import dev.jvirt.vmmcore.security.PrivateDirs;
import dev.jvirt.vmmcore.security.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at stderr and {@code LOGDIR/jvirtd.log} (size-rotated: 10 MB, three old files).
 * When stderr is systemd's journal ({@link JournalStream}), its lines carry the journal's
 * priority prefix and no time stamp. Configured in code, not by Logback's XML configurator:
 * Joran and the JDK's XML parser were ~450 of the classes a start loaded.
 */
final class LogSetup {

    static final String STDERR_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";
    static final String JOURNAL_PATTERN = "%syslogPrefix%logger{0}: %msg%n";
    static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} [%thread] %-5level %logger{0}: %msg%n";

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
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        rules.put("syslogPrefix", SyslogPrefixConverter::new);
        ctx.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(ctx);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(ctx, JournalStream.isStderr(System.getenv("JOURNAL_STREAM"))
                ? JOURNAL_PATTERN : STDERR_PATTERN));
        stderr.start();

        String dir = logDir.toAbsolutePath().toString();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(ctx);
        file.setName("file");
        file.setFile(dir + "/jvirtd.log");
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/jvirtd.%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(trigger);
        file.setEncoder(encoder(ctx, FILE_PATTERN));
        file.start();

        ctx.getLogger("io.netty").setLevel(Level.WARN);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : Level.INFO);
        root.addAppender(stderr);
        root.addAppender(file);
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern(pattern);
        e.start();
        return e;
    }
}
