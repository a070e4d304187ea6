package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.vmmcore.DomainInfo;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.vmmcore.NoSuchDomainException;
import java.util.regex.Pattern;

/** A path's domain reference → the domain's name: a name, or a UUID wherever a name is accepted. */
final class DomainLookup {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private final Hypervisor hv;

    DomainLookup(Hypervisor hv) {
        this.hv = hv;
    }

    /** The name of the domain {@code ref} names (name first, then UUID); no-such-domain otherwise. */
    String name(String ref) {
        if (!UUID.matcher(ref).matches()) {
            return ref;
        }
        try {
            return hv.info(ref).name();
        } catch (NoSuchDomainException e) {
            String wanted = ref.replace("-", "").toLowerCase(java.util.Locale.ROOT);
            for (DomainInfo d : hv.list()) {
                if (d.uuid() != null && d.uuid().replace("-", "").equalsIgnoreCase(wanted)) {
                    return d.name();
                }
            }
            throw e;
        }
    }
}
