package dev.jvirt.domainxml.xml;

import dev.jvirt.domainxml.Permissions;
import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;

/** Reads, writes and checks {@code <permissions>}. */
public final class PermissionsCodec {
    private PermissionsCodec() {}

    /** Reads the element, or returns null when absent. */
    public static Permissions read(Node n) {
        if (n == null) {
            return null;
        }
        return new Permissions(n.childText("mode"), n.childText("owner"), n.childText("group"), n.childText("label"));
    }

    /** Writes the element when not null. */
    public static void write(XmlOutput w, Permissions p) {
        if (p == null) {
            return;
        }
        w.start("permissions");
        w.textElement("mode", p.mode());
        w.textElement("owner", p.owner());
        w.textElement("group", p.group());
        w.textElement("label", p.label());
        w.end();
    }

    /** Checks mode is octal ≤ 07777 and owner/group are numeric ids (-1 meaning unchanged). */
    public static void check(Permissions p, String path, Violations v) {
        if (p == null) {
            return;
        }
        if (p.mode() != null && !p.mode().matches("0?[0-7]{1,4}")) {
            v.add(ViolationKind.RANGE, path, "permissions mode '" + p.mode() + "' must be octal, e.g. 0755");
        }
        for (String id : new String[] {p.owner(), p.group()}) {
            if (id != null && !id.matches("-1|[0-9]{1,10}")) {
                v.add(ViolationKind.RANGE, path, "owner and group must be numeric ids, got '" + id + "'");
            }
        }
    }
}
