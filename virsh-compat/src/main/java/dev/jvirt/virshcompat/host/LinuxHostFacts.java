package dev.jvirt.virshcompat.host;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real host: its files, and KVM asked through libc's ioctl (JNA, loaded only here). */
public final class LinuxHostFacts implements HostFacts {

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final long KVM_GET_API_VERSION = 0xAE00;
    private static final long KVM_CREATE_VM = 0xAE01;
    private static final int KVM_API_VERSION = 12;

    /** The three libc calls the probe needs. */
    interface LibC extends Library {
        int open(String path, int flags);

        int ioctl(int fd, long request, long arg);

        int close(int fd);
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path));
    }

    @Override
    public boolean openableReadWrite(String path) {
        try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public List<String> list(String path) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(path))) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            // no such directory: no names
        }
        return names;
    }

    @Override
    public String kvmCreateVm() {
        if (!Platform.isLinux()) {
            return "KVM exists only on Linux";
        }
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            return "cannot load libc to ask KVM: " + e.getMessage();
        }
        int fd = libc.open("/dev/kvm", O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            return "cannot open /dev/kvm: errno " + Native.getLastError();
        }
        try {
            int version = libc.ioctl(fd, KVM_GET_API_VERSION, 0);
            if (version != KVM_API_VERSION) {
                return "KVM API version " + version + ", QEMU needs " + KVM_API_VERSION;
            }
            int vm = libc.ioctl(fd, KVM_CREATE_VM, 0);
            if (vm < 0) {
                return "KVM_CREATE_VM failed: errno " + Native.getLastError();
            }
            libc.close(vm);
            return null;
        } finally {
            libc.close(fd);
        }
    }
}
