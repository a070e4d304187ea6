package dev.jvirt.virshcompat.it;

import dev.jvirt.testimages.TinyGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny guest as a domain with nothing but its serial console (no disk, no NIC: it boots fastest). */
final class TinyDomainXml {

    private static final String XML = """
            <domain type='qemu'>
              <name>%s</name>
              <memory unit='MiB'>%d</memory>
              <vcpu>1</vcpu>
              <os>
                <type arch='x86_64' machine='pc'>hvm</type>
                <kernel>%s</kernel>
                <initrd>%s</initrd>
                <cmdline>%s</cmdline>
              </os>
              <features><acpi/></features>
              <devices>
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    private TinyDomainXml() {
    }

    /** {@link #write}, with {@code disk} (a qcow2 image) as its virtio disk vda. */
    static Path writeWithDisk(TinyGuest guest, String name, Path dir, Path disk) throws IOException {
        Path file = write(guest, name, dir);
        String withDisk = Files.readString(file).replace("    <serial type='pty'>", "    <disk type='file' device='disk'>\n"
                + "      <driver name='qemu' type='qcow2'/>\n      <source file='" + disk + "'/>\n"
                + "      <target dev='vda' bus='virtio'/>\n    </disk>\n    <serial type='pty'>");
        Files.writeString(file, withDisk);
        return file;
    }

    /** Writes the definition of domain {@code name} to {@code dir/NAME.xml} and answers the file. */
    static Path write(TinyGuest guest, String name, Path dir) throws IOException {
        Path file = dir.resolve(name + ".xml");
        Files.writeString(file, String.format(XML, name, TinyGuest.MEMORY_MIB, guest.kernel(), guest.initrd(),
                TinyGuest.CMDLINE));
        return file;
    }
}
