package dev.jvirt.vmmcore.daemon.http;

/** The process at the other end of a connection, from SO_PEERCRED ({@code -1} when unknown). */
public record Peer(int uid, int gid, int pid) {
    public static final Peer UNKNOWN = new Peer(-1, -1, -1);

    @Override
    public String toString() {
        return "uid=" + uid + " pid=" + pid;
    }
}
