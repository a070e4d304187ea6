package dev.jvirt.bench.daemon;

import dev.jvirt.testimages.TinyGuestImage;
import java.nio.file.Path;
import java.util.List;

/** The tiny guest's domain XML, one disk per domain, identical for jvirt and libvirt. */
final class BenchDomains {
    private final TinyGuestImage image;
    private final Path dir;

    BenchDomains(TinyGuestImage image, Path dir) {
        this.image = image;
        this.dir = dir;
    }

    static String name(int i) {
        return String.format("bench%03d", i);
    }

    /** A fresh qcow2 disk for domain {@code name} (libvirt and jvirt get separate ones). */
    Path disk(String owner, String name) throws Exception {
        Path disk = dir.resolve(owner + "-" + name + ".qcow2");
        Process p = new ProcessBuilder(List.of("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "64M"))
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("qemu-img create " + disk + " failed");
        }
        return disk;
    }

    String xml(String name, Path disk) {
        return "<domain type='qemu'>\n"
                + "  <name>" + name + "</name>\n"
                + "  <memory unit='MiB'>128</memory>\n"
                + "  <vcpu>1</vcpu>\n"
                + "  <os>\n"
                + "    <type arch='x86_64' machine='pc'>hvm</type>\n"
                + "    <kernel>" + image.kernel() + "</kernel>\n"
                + "    <initrd>" + image.initrd() + "</initrd>\n"
                + "    <cmdline>console=ttyS0</cmdline>\n"
                + "  </os>\n"
                + "  <features><acpi/></features>\n"
                + "  <devices>\n"
                + "    <disk type='file' device='disk'>\n"
                + "      <driver name='qemu' type='qcow2'/>\n"
                + "      <source file='" + disk + "'/>\n"
                + "      <target dev='vda' bus='virtio'/>\n"
                + "    </disk>\n"
                + "    <serial type='pty'><target port='0'/></serial>\n"
                + "  </devices>\n"
                + "</domain>\n";
    }
}
