package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.domain.Domain;
import java.util.List;
import java.util.Set;

/**
 * What the definition keeps as written but the command line does not translate: a device of that
 * kind ({@code <hostdev>}, {@code <smartcard>}, {@code <shmem>}, ...) would silently not be in the
 * guest, so the command line refuses it, naming the element. {@code <hub>} (QEMU adds hubs when
 * ports run out) is let through, and so are the domain's bookkeeping children ({@code <perf>},
 * {@code <vcpus>}, {@code <iothreadids>}, ...). {@code <qemu:commandline>} arguments are passed
 * through at the end, as libvirt does; its {@code <qemu:env>} is refused.
 */
final class UninterpretedParts {

    /** Device elements that add nothing QEMU must be told about. */
    private static final Set<String> HARMLESS = Set.of("hub");
    /** Children of {@code <domain>} kept as written that would change the guest. */
    private static final Set<String> REFUSED = Set.of("launchSecurity", "genid", "throttlegroups", "bootloader", "idmap");

    private UninterpretedParts() {}

    static void refuse(Domain def) {
        for (VerbatimElement e : def.extensions()) {
            if (REFUSED.contains(e.name())) {
                throw new CommandLineException("<" + e.name() + ">",
                        "is kept in the definition but jvirt cannot start it yet; remove it to start the guest");
            }
        }
        if (def.qemuCommandline() != null && !def.qemuCommandline().env().isEmpty()) {
            throw new CommandLineException("<qemu:commandline><qemu:env>", "is not supported; QEMU's environment is jvirt's");
        }
        List<VerbatimElement> extras = def.devices().extensions();
        for (VerbatimElement e : extras) {
            if (!HARMLESS.contains(e.name())) {
                throw new CommandLineException("<devices><" + e.name() + ">",
                        "is kept in the definition but jvirt cannot start it yet; remove it to start the guest");
            }
        }
    }
}
