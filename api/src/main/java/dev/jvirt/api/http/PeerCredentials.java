package dev.jvirt.api.http;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who serves a connected unix socket: the kernel's SO_PEERCRED (the uid of the process that
 * listened), read through the JDK's {@link ExtendedSocketOptions#SO_PEERCRED} (no native code
 * of our own). Users are compared by uid: principals of the JDK's file system are equal exactly
 * when their ids are.
 */
public final class PeerCredentials {

    private PeerCredentials() {
    }

    /** The user serving {@code ch}. */
    public static UserPrincipal user(SocketChannel ch) throws IOException {
        UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return p.user();
    }

    /** The principal with numeric id {@code uid} (its name when the system knows one). */
    public static UserPrincipal uid(int uid) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(Integer.toString(uid));
    }

    /** Whether the socket is served by {@code uid} or by root. */
    public static boolean servedBy(SocketChannel ch, int uid) throws IOException {
        UserPrincipal peer = user(ch);
        return peer.equals(uid(uid)) || peer.equals(uid(0));
    }
}
