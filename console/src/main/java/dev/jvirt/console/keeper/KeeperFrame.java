package dev.jvirt.console.keeper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One message between a daemon and its {@link ConsoleKeeper}, on the keeper's unix socket: a
 * type byte, the console's id (chosen by the daemon, per connection), the payload's length and
 * the payload. Both ends are the same build, so the protocol has no versions beyond
 * {@link #PROTOCOL} in the greeting.
 *
 * <pre>
 * daemon → keeper                                  keeper → daemon
 *                                                  HELLO    pid, protocol (on connect)
 * KEEP     id, "key=value" lines ({@link KeepRequest}) OK id | ERROR id, message
 * ATTACH   id, domain name                         OK id | ERROR id, message
 * STREAM   id (start sending its output)           DATA id, bytes ... ; ENDED id, message
 * INPUT    id, keystrokes                          INPUT_DONE id, byte count (when QEMU took them)
 * HISTORY  id, max bytes (4-byte int)              HISTORY id, the log's tail, in order with DATA
 * DETACH   id (stop streaming; keep logging)
 * RELEASE  id (stop keeping it at all)             ENDED id, message
 * </pre>
 */
record KeeperFrame(Type type, int id, byte[] payload) {
    static final int PROTOCOL = 1;
    static final int HEADER = 9;
    /** No payload is larger (DATA carries at most a read's worth). */
    static final int MAX_PAYLOAD = 4 * 1024 * 1024;

    enum Type {
        HELLO, KEEP, ATTACH, STREAM, INPUT, HISTORY, DETACH, RELEASE, OK, ERROR, DATA, INPUT_DONE, ENDED;

        static Type of(int code) {
            Type[] all = values();
            if (code < 0 || code >= all.length) {
                throw new IllegalArgumentException("unknown keeper frame type " + code);
            }
            return all[code];
        }
    }

    static byte[] encode(Type type, int id, byte[] payload, int off, int len) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + len);
        b.put((byte) type.ordinal()).putInt(id).putInt(len).put(payload, off, len);
        return b.array();
    }

    static byte[] encode(Type type, int id, byte[] payload) {
        return encode(type, id, payload, 0, payload.length);
    }

    static byte[] encode(Type type, int id) {
        return encode(type, id, new byte[0]);
    }

    static byte[] encode(Type type, int id, String text) {
        return encode(type, id, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] encode(Type type, int id, long number) {
        return encode(type, id, ByteBuffer.allocate(8).putLong(number).array());
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    long number() {
        return ByteBuffer.wrap(payload).getLong();
    }

    /** Cuts a byte stream into frames; keeps a partial frame for the next feed. */
    static final class Decoder {
        private byte[] pending = new byte[0];

        List<KeeperFrame> feed(byte[] bytes, int off, int len) {
            byte[] all;
            if (pending.length == 0) {
                all = bytes;
            } else {
                all = new byte[pending.length + len];
                System.arraycopy(pending, 0, all, 0, pending.length);
                System.arraycopy(bytes, off, all, pending.length, len);
                off = 0;
                len = all.length;
            }
            List<KeeperFrame> out = new ArrayList<>();
            int at = off;
            int end = off + len;
            while (end - at >= HEADER) {
                ByteBuffer h = ByteBuffer.wrap(all, at, HEADER);
                Type type = Type.of(h.get());
                int id = h.getInt();
                int n = h.getInt();
                if (n < 0 || n > MAX_PAYLOAD) {
                    throw new IllegalArgumentException("keeper frame of " + n + " bytes");
                }
                if (end - at - HEADER < n) {
                    break;
                }
                byte[] payload = new byte[n];
                System.arraycopy(all, at + HEADER, payload, 0, n);
                out.add(new KeeperFrame(type, id, payload));
                at += HEADER + n;
            }
            pending = java.util.Arrays.copyOfRange(all, at, end);
            return out;
        }
    }
}
