package dev.jvirt.console.terminal;

import dev.jvirt.console.ConsoleException;

/**
 * The key that detaches from a console, given as virsh's {@code -e/--escape} takes it: {@code ^X}
 * for a control character (X in a-z, A-Z, {@code @ [ \ ] ^ _}) or one plain character. Default {@code ^]}.
 */
public record EscapeKey(String spec, byte value) {

    public static final EscapeKey DEFAULT = parse("^]");

    /** @throws ConsoleException with virsh's message ("Invalid string 'x' for escape sequence") */
    public static EscapeKey parse(String spec) {
        if (spec != null && spec.length() == 2 && spec.charAt(0) == '^' && allowedAfterCaret(spec.charAt(1))) {
            return new EscapeKey(spec, (byte) (Character.toUpperCase(spec.charAt(1)) ^ 0x40));
        }
        if (spec != null && spec.length() == 1 && spec.charAt(0) != '^' && spec.charAt(0) < 0x80) {
            return new EscapeKey(spec, (byte) spec.charAt(0));
        }
        throw new ConsoleException("Invalid string '" + spec + "' for escape sequence");
    }

    private static boolean allowedAfterCaret(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '@' && c <= '_');
    }

    /** What virsh prints after "Escape character is ": {@code ^] (Ctrl + ])} or the plain character. */
    public String describe() {
        return spec.charAt(0) == '^' ? spec + " (Ctrl + " + spec.charAt(1) + ")" : spec;
    }

    /** The index of the escape byte in {@code bytes[off, off+len)}, or -1. */
    public int find(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
