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

    /** Writes the definition of domain {@code name} to {@code dir/NAME.xml} and answers the file. */
    static Path write(TinyGuest guest, String name, Path dir) throws IOException {
        Path file = dir.resolve(name + ".xml");
        Files.writeString(file, String.format(XML, name, TinyGuest.MEMORY_MIB, guest.kernel(), guest.initrd(),
                TinyGuest.CMDLINE));
        return file;
    }
}
