package dev.jvirt.bridgenet;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A network namespace of the test's own ({@code ip netns add jvtest-...}) and one thread that has
 * entered it (setns): what runs on that thread, and every process it starts, sees only the
 * namespace's interfaces. The thread proves it is in the namespace (and not in the host's) before
 * it runs anything. Closing ends the processes left in the namespace (the test's own: dnsmasq,
 * QEMU) and deletes it.
 */
final class TestNetns implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final int CLONE_NEWNET = 0x40000000;

    interface Setns extends Library {
        Setns C = Native.load("c", Setns.class);

        int setns(int fd, int nstype) throws LastErrorException;
    }

    private final String name;
    private final ExecutorService thread;
    private final Path runtimeDir;

    private TestNetns(String name) throws IOException {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "netns-" + name));
        this.runtimeDir = Files.createTempDirectory("jvirt-bridgenet-" + name + "-");
    }

    static TestNetns create() throws Exception {
        String name = "jvtest-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        host("ip", "netns", "add", name);
        TestNetns ns = new TestNetns(name);
        try {
            ns.enter();
        } catch (Exception e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    /** A runtime directory for the networks of this namespace, removed with it. */
    Path runtimeDir() {
        return runtimeDir;
    }

    private void enter() throws Exception {
        Path file = Path.of("/run/netns", name);
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        String hostNs = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        call(() -> {
            int fd = LinuxNet.C.open(file.toString(), LinuxNet.O_CLOEXEC);
            try {
                Setns.C.setns(fd, CLONE_NEWNET);
            } finally {
                LinuxNet.C.close(fd);
            }
            String mine = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
            String child = host("readlink", "/proc/self/ns/net").strip();
            if (mine.equals(hostNs) || !child.equals(mine) || !inode.toString().contains("ino=" + inodeOf(mine))) {
                throw new IllegalStateException("not in netns " + name + ": thread " + mine + ", child " + child
                        + ", host " + hostNs + ", file " + inode);
            }
            return null;
        });
    }

    private static String inodeOf(String link) {
        return link.substring(link.indexOf('[') + 1, link.indexOf(']'));
    }

    /** Runs {@code task} on the thread inside the namespace. */
    <T> T call(Callable<T> task) throws Exception {
        try {
            return thread.submit(task).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    interface Body {
        void run() throws Exception;
    }

    void run(Body body) throws Exception {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** A command run inside the namespace; its stdout. */
    String exec(String... argv) throws Exception {
        return call(() -> host(argv));
    }

    /** A command run by the calling thread (the host namespace unless that thread is inside one). */
    static String host(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            for (String pid : host("ip", "netns", "pids", name).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } finally {
            thread.shutdownNow();
            thread.awaitTermination(10, TimeUnit.SECONDS);
            host("ip", "netns", "delete", name);
            try (Stream<Path> w = Files.walk(runtimeDir)) {
                for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The namespace's interface names. */
    List<String> links() throws Exception {
        return call(() -> new IpTool(HostTools.find().ip()).links().stream().map(IpTool.Link::name).toList());
    }
}
