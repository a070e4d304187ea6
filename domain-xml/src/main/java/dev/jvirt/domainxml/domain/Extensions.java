package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.xml.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Elements libvirt's domain schema allows that jvirt does not interpret: they are accepted and
 * kept as written (a round trip gives them back), in document order. Anything else unknown is
 * still an error with a "did you mean", so typos are caught.
 */
final class Extensions {
    /** Children of {@code <domain>}, from libvirt's domaincommon.rng. */
    static final Set<String> DOMAIN = Set.of("genid", "vcpus", "iothreadids", "defaultiothread", "bootloader",
            "bootloader_args", "idmap", "throttlegroups", "on_lockfailure", "perf", "keywrap", "launchSecurity");
    /** Children of {@code <devices>}, from libvirt's domaincommon.rng. */
    static final Set<String> DEVICES = Set.of("hostdev", "smartcard", "hub", "redirfilter", "parallel", "shmem", "iommu", "vsock",
            "nvram", "crypto", "lease", "memory", "pstore");
    /** Local names of libvirt's QEMU-namespace children of {@code <domain>} other than commandline. */
    static final Set<String> QEMU = Set.of("capabilities", "override", "deprecation");

    private Extensions() {}

    /** The children of {@code n} named in {@code names}, kept verbatim. */
    static List<VerbatimElement> read(Node n, Set<String> names) {
        List<VerbatimElement> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String name : n.childNames()) {
            if (names.contains(name) && !seen.contains(name)) {
                seen.add(name);
            }
        }
        // children(name) groups by name; put them back in document order
        List<Node> nodes = new ArrayList<>();
        for (String name : seen) {
            nodes.addAll(n.children(name));
        }
        nodes.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : Integer.compare(a.column(), b.column()));
        for (Node c : nodes) {
            c.markOpaque();
            out.add(withoutRuntimeAlias(c.toVerbatim()));
        }
        return out;
    }

    /**
     * Live XML names every device with an {@code <alias>}; that is runtime state, which libvirt
     * drops on define, so it is dropped here too. User aliases ({@code ua-...}) are kept.
     */
    private static VerbatimElement withoutRuntimeAlias(VerbatimElement e) {
        List<VerbatimElement> kids = new ArrayList<>(e.children().size());
        for (VerbatimElement c : e.children()) {
            boolean runtime = c.name().equals("alias") && c.attributes().stream()
                    .noneMatch(a -> a.name().equals("name") && a.value().startsWith("ua-"));
            if (!runtime) {
                kids.add(c);
            }
        }
        return kids.size() == e.children().size() ? e : new VerbatimElement(e.name(), e.namespaces(), e.attributes(), e.text(), kids);
    }

    /** libvirt's QEMU-namespace elements other than commandline, renamed to the {@code qemu} prefix jvirt writes. */
    static List<VerbatimElement> readQemu(Node domain) {
        List<VerbatimElement> out = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (String name : domain.childNames()) {
            int colon = name.indexOf(':');
            if (colon < 0 || !QEMU.contains(name.substring(colon + 1)) || done.contains(name)) {
                continue;
            }
            done.add(name);
            String prefix = name.substring(0, colon);
            for (Node c : domain.children(name)) {
                if (!QemuCommandline.NAMESPACE.equals(c.namespaceUri(prefix))) {
                    throw c.error("<" + name + "> is not in libvirt's QEMU namespace (xmlns:" + prefix + "='"
                            + QemuCommandline.NAMESPACE + "')");
                }
                c.markOpaque();
                VerbatimElement e = rename(c.toVerbatim(), prefix);
                out.add(new VerbatimElement(e.name(), List.of(), e.attributes(), e.text(), e.children()));
            }
        }
        return out;
    }

    private static VerbatimElement rename(VerbatimElement e, String prefix) {
        String name = e.name().startsWith(prefix + ":") ? "qemu:" + e.name().substring(prefix.length() + 1) : e.name();
        List<VerbatimElement> kids = new ArrayList<>();
        for (VerbatimElement c : e.children()) {
            kids.add(rename(c, prefix));
        }
        return new VerbatimElement(name, e.namespaces(), e.attributes(), e.text(), kids);
    }
}
