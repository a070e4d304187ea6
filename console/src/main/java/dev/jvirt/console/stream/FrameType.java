package dev.jvirt.console.stream;

/** The kinds of frame on a console stream; the code is the frame's first byte on the wire. */
public enum FrameType {
    /** Console bytes: guest output (daemon → client) or keystrokes (client → daemon). */
    DATA(1),
    /** Daemon → client, last frame: payload = reason code (1 byte) + a UTF-8 message for people. */
    CLOSED(2),
    /** Client → daemon: the client leaves (escape key, end of input); payload empty. */
    DETACH(3);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static FrameType fromCode(int code) {
        for (FrameType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
