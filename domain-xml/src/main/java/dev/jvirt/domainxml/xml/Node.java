package dev.jvirt.domainxml.xml;

import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.VerbatimElement;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a parsed document with its source position, and the reading helpers that
 * the binders use. Every attribute and child a binder asks for is remembered: anything the
 * binder never asked for is an unknown name ({@link #checkConsumed()}), and the names it did
 * ask for are the candidates for a "did you mean" suggestion.
 */
public final class Node {
    private final Source source;
    private final Node parent;
    private final String name;
    private final int line;
    private final int column;
    private final int index;
    final List<String> attrNames = new ArrayList<>(4);
    final List<String> attrValues = new ArrayList<>(4);
    final List<VerbatimElement.Namespace> namespaces = new ArrayList<>(0);
    final List<Node> children = new ArrayList<>(4);
    private StringBuilder text;
    private boolean[] attrUsed;
    private boolean[] childUsed;
    private boolean textUsed;
    private boolean opaque;
    private List<String> known;
    final List<String> comments = new ArrayList<>(0);

    Node(Source source, Node parent, String name, int line, int column) {
        this.source = source;
        this.parent = parent;
        this.name = name;
        this.line = line;
        this.column = column;
        int idx = 1;
        if (parent != null) {
            for (Node sibling : parent.children) {
                if (sibling.name.equals(name)) {
                    idx++;
                }
            }
        }
        this.index = idx;
    }

    /** The caller's label for the text and the parse limits in force. */
    record Source(String name) {}

    Node parentNode() {
        return parent;
    }

    /** Qualified element name. */
    public String name() {
        return name;
    }

    /** 1-based line of the start tag. */
    public int line() {
        return line;
    }

    /** 1-based column of the start tag. */
    public int column() {
        return column;
    }

    void appendText(String s) {
        if (text == null) {
            text = new StringBuilder(s.length());
        }
        text.append(s);
    }

    /** Element path such as {@code /domain/devices/disk[2]}: an index only where names repeat. */
    public String path() {
        StringBuilder sb = new StringBuilder();
        appendPath(sb);
        return sb.toString();
    }

    private void appendPath(StringBuilder sb) {
        if (parent != null) {
            parent.appendPath(sb);
        }
        sb.append('/').append(name);
        if (parent != null && (index > 1 || parent.countNamed(name) > 1)) {
            sb.append('[').append(index).append(']');
        }
    }

    private int countNamed(String n) {
        int c = 0;
        for (Node child : children) {
            if (child.name.equals(n)) {
                c++;
            }
        }
        return c;
    }

    /** Finds the element at a path produced by {@link #path()} (or by a validator); null if none. */
    public Node find(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/");
        if (parts.length == 0 || !segmentName(parts[0]).equals(name)) {
            return null;
        }
        Node cur = this;
        for (int i = 1; i < parts.length && cur != null; i++) {
            String seg = parts[i];
            String segName = segmentName(seg);
            int want = seg.indexOf('[') < 0 ? 1 : Integer.parseInt(seg.substring(seg.indexOf('[') + 1, seg.length() - 1));
            Node next = null;
            for (Node child : cur.children) {
                if (child.name.equals(segName) && child.index == want) {
                    next = child;
                    break;
                }
            }
            cur = next;
        }
        return cur;
    }

    private static String segmentName(String seg) {
        int b = seg.indexOf('[');
        return b < 0 ? seg : seg.substring(0, b);
    }

    private void remember(String n) {
        if (known == null) {
            known = new ArrayList<>(8);
        }
        known.add(n);
    }

    /** XML comments before this element (kept for the root only: those before the start tag). */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** The URI bound to a namespace prefix where this element is, or null when it is not bound. */
    public String namespaceUri(String prefix) {
        for (Node n = this; n != null; n = n.parent) {
            for (VerbatimElement.Namespace ns : n.namespaces) {
                if (ns.prefix().equals(prefix)) {
                    return ns.uri();
                }
            }
        }
        return null;
    }

    /** The prefix this element (or an ancestor) binds to {@code uri}, or null. */
    public String prefixFor(String uri) {
        for (Node n = this; n != null; n = n.parent) {
            for (VerbatimElement.Namespace ns : n.namespaces) {
                if (ns.uri().equals(uri) && !ns.prefix().isEmpty()) {
                    return ns.prefix();
                }
            }
        }
        return null;
    }

    /** Names of this element's children, in document order (for binders that keep unknown-but-allowed ones). */
    public List<String> childNames() {
        List<String> out = new ArrayList<>(children.size());
        for (Node c : children) {
            out.add(c.name);
        }
        return out;
    }

    // ---------------------------------------------------------------- attributes

    /** The attribute's value, or null when absent; the name becomes known. */
    public String attr(String attrName) {
        remember(attrName);
        for (int i = 0; i < attrNames.size(); i++) {
            if (attrNames.get(i).equals(attrName)) {
                if (attrUsed == null) {
                    attrUsed = new boolean[attrNames.size()];
                }
                attrUsed[i] = true;
                return attrValues.get(i);
            }
        }
        return null;
    }

    /** The attribute's value; absent is an error. */
    public String requiredAttr(String attrName) {
        String v = attr(attrName);
        if (v == null) {
            throw error("missing attribute '" + attrName + "'");
        }
        return v;
    }

    /** An integer attribute (decimal, or hex with 0x), or null when absent. */
    public Integer intAttr(String attrName) {
        String v = attr(attrName);
        return v == null ? null : parseInt(v, "attribute '" + attrName + "'");
    }

    /** A long attribute (decimal), or null when absent. */
    public Long longAttr(String attrName) {
        String v = attr(attrName);
        return v == null ? null : parseLong(v, "attribute '" + attrName + "'");
    }

    /** A yes/no attribute as a Boolean, or null when absent. */
    public Boolean yesNo(String attrName) {
        return bool(attrName, "yes", "no");
    }

    /** An on/off attribute as a Boolean, or null when absent. */
    public Boolean onOff(String attrName) {
        return bool(attrName, "on", "off");
    }

    private Boolean bool(String attrName, String t, String f) {
        String v = attr(attrName);
        if (v == null) {
            return null;
        }
        if (v.equals(t)) {
            return Boolean.TRUE;
        }
        if (v.equals(f)) {
            return Boolean.FALSE;
        }
        throw error("attribute '" + attrName + "' must be '" + t + "' or '" + f + "', got '" + v + "'");
    }

    /** Parses an integer in decimal or 0x-hex, failing with this element's position. */
    public int parseInt(String v, String what) {
        long l = parseLong(v, what);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw error(what + " is out of range: '" + v + "'");
        }
        return (int) l;
    }

    /** Parses a long in decimal or 0x-hex, failing with this element's position. */
    public long parseLong(String v, String what) {
        String s = v.trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(what + " must be an integer, got '" + v + "'");
        }
    }

    // ---------------------------------------------------------------- children

    /** The only child with this name, or null; a second one is an error. */
    public Node child(String childName) {
        remember(childName);
        Node found = null;
        for (int i = 0; i < children.size(); i++) {
            Node c = children.get(i);
            if (c.name.equals(childName)) {
                if (found != null) {
                    throw c.error("element <" + childName + "> may appear only once here");
                }
                markChild(i);
                found = c;
            }
        }
        return found;
    }

    /** All children with this name, in order. */
    public List<Node> children(String childName) {
        remember(childName);
        List<Node> out = null;
        for (int i = 0; i < children.size(); i++) {
            Node c = children.get(i);
            if (c.name.equals(childName)) {
                markChild(i);
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(c);
            }
        }
        return out == null ? List.of() : out;
    }

    private void markChild(int i) {
        if (childUsed == null) {
            childUsed = new boolean[children.size()];
        }
        childUsed[i] = true;
    }

    /** True when an empty marker child such as {@code <readonly/>} is present. */
    public boolean flag(String childName) {
        return child(childName) != null;
    }

    /** The trimmed text of a child, or null when the child is absent. */
    public String childText(String childName) {
        Node c = child(childName);
        return c == null ? null : c.text();
    }

    /** This element's text, trimmed; empty when none. */
    public String text() {
        return rawText().strip();
    }

    /** This element's text as written; empty when none. */
    public String rawText() {
        textUsed = true;
        return text == null ? "" : text.toString();
    }

    /** Marks this element and everything below as read (for verbatim content). */
    public void markOpaque() {
        opaque = true;
    }

    /** Converts this element and its subtree to a verbatim record. */
    public VerbatimElement toVerbatim() {
        return VerbatimCopy.of(this);
    }

    /**
     * Like {@link #toVerbatim()}, and declares on the copy the namespace prefixes its subtree uses
     * that were declared only on ancestors (e.g. on {@code <domain>}), so that the copy written
     * on its own is still well-formed, as libvirt writes metadata.
     */
    public VerbatimElement toVerbatimInScope() {
        return VerbatimCopy.inScope(this);
    }

    /** This element's text as read, or null when it has none (for {@link VerbatimCopy}). */
    String textOrNull() {
        return text == null ? null : text.toString();
    }

    /** The child elements, for binders that keep a whole subtree. */
    public List<Node> childNodes() {
        return List.copyOf(children);
    }

    // ---------------------------------------------------------------- checks

    /**
     * Fails on the first attribute, child or text in document order that no binder read.
     * Call once on the root after binding.
     */
    public void checkConsumed() {
        if (opaque) {
            return;
        }
        for (int i = 0; i < attrNames.size(); i++) {
            if (attrUsed == null || !attrUsed[i]) {
                String a = attrNames.get(i);
                throw error("unknown attribute '" + a + "'", Suggest.nearest(a, known));
            }
        }
        if (!textUsed && text != null && !text.toString().isBlank()) {
            throw error("unexpected text '" + Suggest.abbreviate(text.toString().strip()) + "'");
        }
        for (int i = 0; i < children.size(); i++) {
            Node c = children.get(i);
            if (childUsed == null || !childUsed[i]) {
                throw c.error("unknown element <" + c.name + ">", Suggest.nearest(c.name, known));
            }
            c.checkConsumed();
        }
    }

    /** An error at this element. */
    public DefinitionException error(String problem) {
        return error(problem, null);
    }

    /** An error at this element with a suggested name. */
    public DefinitionException error(String problem, String suggestion) {
        return new DefinitionException(source.name(), line, column, path(), problem, suggestion);
    }
}
