package dev.jvirt.console.hub;

/** The most recent bytes of a console, up to a fixed capacity; older bytes are overwritten. Not thread-safe. */
final class OutputRing {

    private final byte[] ring;
    private int next;
    private long total;

    OutputRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("ring capacity must be positive: " + capacity);
        }
        this.ring = new byte[capacity];
    }

    void append(byte[] bytes, int off, int len) {
        if (len >= ring.length) {
            System.arraycopy(bytes, off + len - ring.length, ring, 0, ring.length);
            next = 0;
        } else {
            int first = Math.min(len, ring.length - next);
            System.arraycopy(bytes, off, ring, next, first);
            System.arraycopy(bytes, off + first, ring, 0, len - first);
            next = (next + len) % ring.length;
        }
        total += len;
    }

    int capacity() {
        return ring.length;
    }

    /** Bytes ever appended. */
    long total() {
        return total;
    }

    /** The last {@code max} bytes held (fewer when fewer are held), oldest first. */
    byte[] tail(int max) {
        int held = (int) Math.min(total, ring.length);
        int n = Math.max(0, Math.min(max, held));
        byte[] out = new byte[n];
        int start = Math.floorMod(next - n, ring.length);
        int first = Math.min(n, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        return out;
    }

    byte[] snapshot() {
        return tail(ring.length);
    }
}
