package dev.jvirt.vmmcore.daemon;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The attack of issue 16, run by {@link PlantedRuntimeDirIT} inside {@code unshare -m} (so its
 * tmpfs on /tmp hides the machine's real /tmp): user {@code nobody} made {@code /tmp/jvirt-UID}
 * 0777, planted a listening socket as {@code jvirtd.sock} and a {@code jvirtd.log} symlink to the
 * victim's file; then the victim runs {@code jvirtd --session} without XDG_RUNTIME_DIR.
 * Arguments: {@code VICTIM_FILE STATE_DIR}. Prints {@code rc=N}, jvirtd's stderr, and whether the
 * planted socket is untouched.
 */
public final class PlantedRuntimeDirScenario {

    private PlantedRuntimeDirScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path victim = Path.of(args[0]);
        String stateDir = args[1];
        int rc = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "mode=1777", "jvirt-test-tmp", "/tmp")
                .inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("mount tmpfs on /tmp failed: " + rc);
        }
        int uid = Jvirtd.currentUid();
        UserPrincipal nobody = Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Path dir = Path.of("/tmp", "jvirt-" + uid);
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setOwner(dir, nobody);
        Path sock = dir.resolve("jvirtd.sock");
        ServerSocketChannel planted = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        planted.bind(UnixDomainSocketAddress.of(sock));
        Files.setOwner(sock, nobody);
        Object sockKey = Files.readAttributes(sock, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).fileKey();
        Path log = dir.resolve("jvirtd.log");
        Files.createSymbolicLink(log, victim);
        Files.getFileAttributeView(log, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setOwner(nobody);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> daemon = CompletableFuture.supplyAsync(() -> JvirtdMain.run(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "--session", "--state-dir", stateDir));
        Integer result;
        try {
            result = daemon.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            result = null; // it serves: the attack worked
        }
        Object keyAfter = Files.exists(sock, LinkOption.NOFOLLOW_LINKS) ? Files.readAttributes(sock,
                java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey() : null;
        System.out.println("rc=" + (result == null ? "still-running" : result));
        System.out.println("planted-socket-untouched=" + sockKey.equals(keyAfter));
        System.out.println("log-still-a-link=" + Files.isSymbolicLink(log));
        System.out.println("stderr=" + err.toString(StandardCharsets.UTF_8).strip().replace('\n', ' '));
        planted.close();
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
