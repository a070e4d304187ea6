package dev.jvirt.vmmcore.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Points Logback at stderr and {@code LOGDIR/jvirtd.log} (jvirtd-logback.xml beside this class). */
final class LogSetup {

    private LogSetup() {
    }

    static void configure(Path logDir, boolean verbose) throws IOException {
        Files.createDirectories(logDir);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J binding: leave it alone
        }
        ctx.reset();
        ctx.putProperty("jvirtd.logDir", logDir.toAbsolutePath().toString());
        ctx.putProperty("jvirtd.level", verbose ? "DEBUG" : "INFO");
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        try (InputStream in = LogSetup.class.getResourceAsStream("jvirtd-logback.xml")) {
            joran.doConfigure(in);
        } catch (JoranException e) {
            throw new IOException("cannot configure logging: " + e.getMessage(), e);
        }
    }
}
