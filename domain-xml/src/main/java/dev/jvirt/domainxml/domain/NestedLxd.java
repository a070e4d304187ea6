package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * jvirt's nested-LXD option: {@code <jvirt:nested-lxd xmlns:jvirt='https://jvirt.dev/xmlns/nested-lxd/1'
 * storage='dir' bridge='lxdbr0' subnet='10.23.0.1/24' nesting='true' image='/path'/>} under
 * {@code <metadata>}, so the XML stays valid libvirt XML (libvirt keeps metadata as written). At
 * start jvirtd gives such a guest a cloud-init NoCloud seed that initialises LXD with a preseed,
 * a QEMU guest agent channel and, for KVM, the nesting CPU flags. Every attribute is optional.
 *
 * @param storage the LXD storage driver of pool {@code default}: {@code dir} (default), {@code btrfs}, {@code lvm}, {@code zfs}
 * @param bridge the LXD bridge the default profile's {@code eth0} is on (default {@code lxdbr0})
 * @param subnet the bridge's IPv4 address and prefix, e.g. {@code 10.23.0.1/24} (default {@code 10.23.0.1/24})
 * @param nesting {@code security.nesting} of the default profile (default true)
 * @param image a host file: a unified LXD image tarball imported in the guest with alias {@code imageAlias}, or null
 * @param imageAlias the alias the imported image gets (default {@code busybox})
 */
public record NestedLxd(String storage, String bridge, String subnet, boolean nesting, String image, String imageAlias) {
    /** The namespace of the element. */
    public static final String NAMESPACE = "https://jvirt.dev/xmlns/nested-lxd/1";
    /** The element's local name. */
    public static final String ELEMENT = "nested-lxd";
    static final Set<String> STORAGE = Set.of("dir", "btrfs", "lvm", "zfs");
    private static final Set<String> ATTRIBUTES = Set.of("storage", "bridge", "subnet", "nesting", "image", "image-alias");
    private static final Pattern BRIDGE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,14}");
    private static final Pattern ALIAS = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final String PATH = "/domain/metadata/nested-lxd";

    /** The option of {@code d}, when its metadata has the element (as written: {@link #validate} says what is wrong). */
    public static Optional<NestedLxd> of(Domain d) {
        return element(d).map(NestedLxd::read);
    }

    private static Optional<VerbatimElement> element(Domain d) {
        for (VerbatimElement e : d.metadata()) {
            if (isOption(e)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when {@code e} is {@code <nested-lxd>} in {@link #NAMESPACE}, whatever its prefix. */
    public static boolean isOption(VerbatimElement e) {
        String name = e.name();
        int colon = name.indexOf(':');
        String prefix = colon < 0 ? "" : name.substring(0, colon);
        if (!ELEMENT.equals(name.substring(colon + 1))) {
            return false;
        }
        for (VerbatimElement.Namespace ns : e.namespaces()) {
            if (ns.prefix().equals(prefix)) {
                return NAMESPACE.equals(ns.uri());
            }
        }
        return false;
    }

    private static NestedLxd read(VerbatimElement e) {
        return new NestedLxd(attr(e, "storage", "dir"), attr(e, "bridge", "lxdbr0"), attr(e, "subnet", "10.23.0.1/24"),
                !"false".equals(attr(e, "nesting", "true")), attr(e, "image", null), attr(e, "image-alias", "busybox"));
    }

    private static String attr(VerbatimElement e, String name, String fallback) {
        for (VerbatimElement.Attribute a : e.attributes()) {
            if (a.name().equals(name)) {
                return a.value();
            }
        }
        return fallback;
    }

    /** The bridge's address without its prefix, {@code 10.23.0.1}. */
    public String bridgeAddress() {
        return subnet.substring(0, subnet.indexOf('/'));
    }

    /** Checks the option of {@code d}, if it has one: attribute names and values, and that it is given once. */
    static void validate(Domain d, Violations v) {
        List<VerbatimElement> found = new ArrayList<>();
        for (VerbatimElement e : d.metadata()) {
            if (isOption(e)) {
                found.add(e);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        if (found.size() > 1) {
            v.add(ViolationKind.DUPLICATE, PATH, "the nested-lxd option is given " + found.size() + " times; give it once");
        }
        VerbatimElement e = found.get(0);
        for (VerbatimElement.Attribute a : e.attributes()) {
            if (!ATTRIBUTES.contains(a.name())) {
                v.add(ViolationKind.UNKNOWN_VALUE, PATH, "unknown attribute '" + a.name() + "' of nested-lxd (known: "
                        + String.join(", ", ATTRIBUTES.stream().sorted().toList()) + ")");
            }
        }
        if (!e.children().isEmpty()) {
            v.add(ViolationKind.UNKNOWN_VALUE, PATH, "nested-lxd takes attributes only, no child elements");
        }
        NestedLxd o = read(e);
        v.oneOf(o.storage(), STORAGE, PATH + "/@storage", "LXD storage driver");
        if (!BRIDGE.matcher(o.bridge()).matches()) {
            v.add(ViolationKind.NAME, PATH + "/@bridge", "bridge '" + o.bridge()
                    + "' is not an interface name (a letter, then up to 14 letters, digits, '-' or '_')");
        }
        if (subnet(o.subnet(), v) && clashesWithUserNetwork(d, o.subnet())) {
            v.add(ViolationKind.IP, PATH + "/@subnet", "subnet '" + o.subnet() + "' overlaps 10.0.2.0/24, the network of"
                    + " the guest's <interface type='user'> (QEMU's user networking); choose another, e.g. 10.23.0.1/24");
        }
        String nesting = attr(e, "nesting", "true");
        v.oneOf(nesting, Set.of("true", "false"), PATH + "/@nesting", "nesting (true or false)");
        if (o.image() != null) {
            v.absolute(o.image(), PATH + "/@image", "LXD image file");
        }
        if (!ALIAS.matcher(o.imageAlias()).matches()) {
            v.add(ViolationKind.NAME, PATH + "/@image-alias", "image alias '" + o.imageAlias() + "' is not a valid alias");
        }
    }

    /** Whether the bridge's subnet overlaps QEMU's user-mode network (10.0.2.0/24) the guest is on. */
    private static boolean clashesWithUserNetwork(Domain d, String subnet) {
        boolean user = d.devices().interfaces().stream().anyMatch(n -> "user".equals(n.type()));
        if (!user) {
            return false;
        }
        String[] parts = subnet.split("[./]");
        long addr = 0;
        for (int i = 0; i < 4; i++) {
            addr = addr << 8 | Long.parseLong(parts[i]);
        }
        int prefix = Integer.parseInt(parts[4]);
        long userNet = 10L << 24 | 2 << 8;
        int common = Math.min(prefix, 24);
        long mask = common == 0 ? 0 : (0xFFFFFFFFL << (32 - common)) & 0xFFFFFFFFL;
        return (addr & mask) == (userNet & mask);
    }

    /** Checks the subnet's form; true when it is well-formed. */
    private static boolean subnet(String subnet, Violations v) {
        var m = IPV4_CIDR.matcher(subnet);
        boolean ok = m.matches();
        if (ok) {
            for (int i = 1; i <= 4; i++) {
                ok &= Integer.parseInt(m.group(i)) <= 255;
            }
            int prefix = Integer.parseInt(m.group(5));
            ok &= prefix >= 8 && prefix <= 30;
            int last = Integer.parseInt(m.group(4));
            ok &= last != 0 && last != 255;
        }
        if (!ok) {
            v.add(ViolationKind.IP, PATH + "/@subnet", "subnet '" + subnet
                    + "' is not the bridge's IPv4 address with a prefix of 8 to 30 bits, e.g. 10.23.0.1/24");
        }
        return ok;
    }
}
