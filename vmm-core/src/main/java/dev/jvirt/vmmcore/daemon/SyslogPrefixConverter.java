package dev.jvirt.vmmcore.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %syslogPrefix}: the sd-daemon(3) prefix of a line for the journal, {@code <3>} for
 * ERROR, {@code <4>} WARN, {@code <6>} INFO, {@code <7>} DEBUG and TRACE, so journalctl's
 * {@code -p} filters and colours jvirtd's lines by level.
 */
public final class SyslogPrefixConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return prefix(event.getLevel());
    }

    static String prefix(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "<3>";
            case Level.WARN_INT -> "<4>";
            case Level.INFO_INT -> "<6>";
            default -> "<7>";
        };
    }
}
