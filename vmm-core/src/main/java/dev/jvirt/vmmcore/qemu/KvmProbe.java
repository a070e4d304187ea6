package dev.jvirt.vmmcore.qemu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import dev.jvirt.vmmcore.HostCapabilities.KvmSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out, for real, whether KVM can run ordinary guests: {@code /dev/kvm} must open, accept
 * {@code KVM_CREATE_VM}, and the CPU must expose {@code vmx} or {@code svm}. A host with
 * {@code kvm_pvm} loaded passes the first two and still hangs standard kernels (HOST-NOTES.md).
 * Takes a few milliseconds; never runs a guest.
 */
public final class KvmProbe {
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final long KVM_GET_API_VERSION = 0xAE00;
    private static final long KVM_CREATE_VM = 0xAE01;
    private static final int KVM_API_VERSION = 12;
    private static final String USE_TCG = "use <domain type='qemu'>";

    private final Path devKvm;
    private final Path cpuinfo;
    private final Path sysModule;

    public KvmProbe(Path devKvm, Path cpuinfo, Path sysModule) {
        this.devKvm = devKvm;
        this.cpuinfo = cpuinfo;
        this.sysModule = sysModule;
    }

    public static KvmProbe system() {
        return new KvmProbe(Path.of("/dev/kvm"), Path.of("/proc/cpuinfo"), Path.of("/sys/module"));
    }

    public KvmSupport probe() {
        if (!Files.exists(devKvm)) {
            return KvmSupport.no(devKvm + " does not exist (no kvm module loaded, or no hardware virtualization); "
                    + USE_TCG);
        }
        String deviceProblem = tryCreateVm();
        if (deviceProblem != null) {
            return KvmSupport.no(deviceProblem + "; " + USE_TCG);
        }
        CpuFlags flags;
        try {
            flags = CpuFlags.parse(Files.readString(cpuinfo));
        } catch (IOException e) {
            return KvmSupport.no("cannot read " + cpuinfo + " to check for vmx/svm: " + e.getMessage() + "; " + USE_TCG);
        }
        if (!flags.hasVirtualization()) {
            return KvmSupport.no(devKvm + " opens and accepts KVM_CREATE_VM, but the CPU exposes neither vmx nor svm"
                    + modulesNote() + ": ordinary guest kernels hang; " + USE_TCG);
        }
        return KvmSupport.yes();
    }

    private String modulesNote() {
        List<String> loaded = new ArrayList<>();
        for (String module : List.of("kvm_pvm", "kvm_intel", "kvm_amd")) {
            if (Files.isDirectory(sysModule.resolve(module))) {
                loaded.add(module);
            }
        }
        return loaded.isEmpty() ? "" : " (" + String.join(", ", loaded) + " loaded)";
    }

    /** Null when /dev/kvm opens and creates a VM; otherwise what went wrong. */
    private String tryCreateVm() {
        CLib c;
        try {
            c = Libc.INSTANCE;
        } catch (LinkageError e) {
            return "cannot call into libc to probe " + devKvm + ": " + e.getMessage();
        }
        int fd;
        try {
            fd = c.open(devKvm.toString(), O_RDWR | O_CLOEXEC);
        } catch (LastErrorException e) {
            return "cannot open " + devKvm + ": " + strerror(e) + (e.getErrorCode() == 13
                    ? " (add the user to the kvm group)" : "");
        }
        try {
            int api = c.ioctl(fd, new NativeLong(KVM_GET_API_VERSION), new NativeLong(0));
            if (api != KVM_API_VERSION) {
                return devKvm + " speaks KVM API " + api + ", not " + KVM_API_VERSION;
            }
            int vm = c.ioctl(fd, new NativeLong(KVM_CREATE_VM), new NativeLong(0));
            c.close(vm);
            return null;
        } catch (LastErrorException e) {
            return devKvm + " opens but KVM_CREATE_VM fails: " + strerror(e);
        } finally {
            c.close(fd);
        }
    }

    private static String strerror(LastErrorException e) {
        String message = e.getMessage();
        return message == null ? "errno " + e.getErrorCode() : message;
    }

    /** The few libc calls the probe needs, loaded on first use. */
    interface CLib extends Library {
        int open(String path, int flags) throws LastErrorException;

        int ioctl(int fd, NativeLong request, NativeLong arg) throws LastErrorException;

        int close(int fd);
    }

    private static final class Libc {
        static final CLib INSTANCE = Native.load("c", CLib.class);
    }
}
