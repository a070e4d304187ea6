package dev.jvirt.vmmcore.daemon.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's mode and group: 0600 for a session daemon; 0660 root:GROUP for the system daemon
 * when GROUP exists, else 0600 (logged, with how to fix it).
 */
public record SocketPermissions(String mode, String group) {
    private static final Logger log = LoggerFactory.getLogger(SocketPermissions.class);

    public static SocketPermissions session() {
        return new SocketPermissions("rw-------", null);
    }

    /** 0660 with {@code group} if that group exists here, else 0600. */
    public static SocketPermissions system(String group) {
        try {
            java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            return new SocketPermissions("rw-rw----", group);
        } catch (UserPrincipalNotFoundException e) {
            log.warn("group '{}' does not exist: the socket is 0600 root only; create it (groupadd {}) and add "
                    + "users to it to let them use jvirsh without root", group, group);
            return session();
        } catch (IOException e) {
            log.warn("cannot look up group '{}' ({}): the socket is 0600 root only", group, e.toString());
            return session();
        }
    }

    void apply(Path socket) throws IOException {
        if (group != null) {
            GroupPrincipal g = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(g);
        }
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(mode));
    }

    String describe() {
        return "mode " + mode + (group == null ? "" : ", group " + group);
    }
}
