package dev.jvirt.vmmcore.qemu.argv;

import java.util.ArrayList;
import java.util.List;

/**
 * A QEMU {@code key=value,key=value} option string (QemuOpts syntax), the form QEMU still wants
 * for {@code -chardev}, {@code -fsdev}, {@code -machine}, {@code -vnc} and a few others. Every
 * value goes through {@link #escape}, so a comma in a user-supplied path or name can never start
 * a new option.
 */
public final class QemuOpts {

    private final List<String> parts = new ArrayList<>();

    private QemuOpts(String first) {
        parts.add(escape(first));
    }

    /** Starts an option string with its implied first value, e.g. {@code socket} or a machine type. */
    public static QemuOpts of(String impliedValue) {
        return new QemuOpts(impliedValue);
    }

    /** Starts an option string whose first element is already a {@code key=value} pair. */
    public static QemuOpts ofPair(String key, String value) {
        QemuOpts o = new QemuOpts("");
        o.parts.clear();
        return o.add(key, value);
    }

    /** Appends {@code key=value}, the value escaped. */
    public QemuOpts add(String key, String value) {
        parts.add(key + "=" + escape(value));
        return this;
    }

    /** Appends {@code key=value} for a number. */
    public QemuOpts add(String key, long value) {
        return add(key, Long.toString(value));
    }

    /** Appends {@code key=on} or {@code key=off}. */
    public QemuOpts onOff(String key, boolean on) {
        return add(key, on ? "on" : "off");
    }

    /** Appends {@code key=value} only when the value is not null. */
    public QemuOpts addIfSet(String key, Object value) {
        return value == null ? this : add(key, value.toString());
    }

    /** The option string. */
    public String build() {
        return String.join(",", parts);
    }

    /** Doubles every comma: QemuOpts' only escape, for a value that must stay one value. */
    public static String escape(String value) {
        return value.replace(",", ",,");
    }
}
