package dev.jvirt.domainxml.xml;

import dev.jvirt.domainxml.VerbatimElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Copies a parsed element and its subtree into a {@link VerbatimElement}, for content kept as written. */
final class VerbatimCopy {
    private VerbatimCopy() {}

    static VerbatimElement of(Node n) {
        List<VerbatimElement.Attribute> attrs = new ArrayList<>(n.attrNames.size());
        for (int i = 0; i < n.attrNames.size(); i++) {
            attrs.add(new VerbatimElement.Attribute(n.attrNames.get(i), n.attrValues.get(i)));
        }
        List<VerbatimElement> kids = new ArrayList<>(n.children.size());
        for (Node c : n.children) {
            kids.add(of(c));
        }
        String t = n.textOrNull();
        if (t != null && !n.children.isEmpty()) {
            t = t.strip(); // mixed content: the element's text is kept, trimmed, before its children
        }
        if (t != null && t.isEmpty()) {
            t = null;
        }
        return new VerbatimElement(n.name(), n.namespaces, attrs, t, kids);
    }

    static VerbatimElement inScope(Node n) {
        VerbatimElement v = of(n);
        Set<String> used = new LinkedHashSet<>();
        usedPrefixes(v, new HashSet<>(), used);
        List<VerbatimElement.Namespace> ns = new ArrayList<>(v.namespaces());
        for (String p : used) {
            String uri = n.parentNode() == null ? null : n.parentNode().namespaceUri(p);
            if (uri != null) {
                ns.add(new VerbatimElement.Namespace(p, uri));
            }
        }
        return ns.size() == v.namespaces().size() ? v : new VerbatimElement(v.name(), ns, v.attributes(), v.text(), v.children());
    }

    private static void usedPrefixes(VerbatimElement e, Set<String> declared, Set<String> used) {
        Set<String> d = new HashSet<>(declared);
        for (VerbatimElement.Namespace n : e.namespaces()) {
            d.add(n.prefix());
        }
        List<String> names = new ArrayList<>();
        names.add(e.name());
        for (VerbatimElement.Attribute a : e.attributes()) {
            names.add(a.name());
        }
        for (String name : names) {
            int colon = name.indexOf(':');
            if (colon > 0) {
                String p = name.substring(0, colon);
                if (!p.equals("xml") && !d.contains(p)) {
                    used.add(p);
                }
            }
        }
        for (VerbatimElement c : e.children()) {
            usedPrefixes(c, d, used);
        }
    }
}
