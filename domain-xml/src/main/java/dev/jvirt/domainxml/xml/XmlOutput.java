package dev.jvirt.domainxml.xml;

import dev.jvirt.domainxml.VerbatimElement;

/**
 * A small streaming XML writer producing libvirt's canonical layout: two-space indent,
 * single-quoted attributes, empty elements as {@code <x/>}, text-only elements on one line.
 * Every value goes through one escaping routine; nothing is spliced into markup unescaped.
 */
public final class XmlOutput {
    private final StringBuilder out = new StringBuilder(2048);
    private String[] stack = new String[16];
    private int depth;
    private boolean startOpen;

    /** Opens an element; attributes may follow until content or another element is written. */
    public XmlOutput start(String name) {
        if (startOpen) {
            out.append(">\n");
        }
        indent();
        out.append('<').append(name);
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = name;
        startOpen = true;
        return this;
    }

    /** Adds an attribute to the element just opened; null values are skipped. */
    public XmlOutput attr(String name, String value) {
        if (value != null) {
            if (!startOpen) {
                throw new IllegalStateException("attribute outside a start tag: " + name);
            }
            out.append(' ').append(name).append("='");
            escape(value, true);
            out.append('\'');
        }
        return this;
    }

    /** Adds an integer attribute; null is skipped. */
    public XmlOutput attr(String name, Integer value) {
        return value == null ? this : attr(name, value.toString());
    }

    /** Adds a long attribute; null is skipped. */
    public XmlOutput attr(String name, Long value) {
        return value == null ? this : attr(name, value.toString());
    }

    /** Adds a yes/no attribute; null is skipped. */
    public XmlOutput yesNo(String name, Boolean value) {
        return value == null ? this : attr(name, value ? "yes" : "no");
    }

    /** Adds an on/off attribute; null is skipped. */
    public XmlOutput onOff(String name, Boolean value) {
        return value == null ? this : attr(name, value ? "on" : "off");
    }

    /** Closes the current element, writing it as text content {@code text} then its end tag. */
    public XmlOutput endWithText(String text) {
        if (!startOpen) {
            throw new IllegalStateException("text after child elements");
        }
        out.append('>');
        escape(text, false);
        out.append("</").append(stack[--depth]).append(">\n");
        startOpen = false;
        return this;
    }

    /** Closes the current element. */
    public XmlOutput end() {
        String name = stack[--depth];
        if (startOpen) {
            out.append("/>\n");
            startOpen = false;
        } else {
            indent();
            out.append("</").append(name).append(">\n");
        }
        return this;
    }

    /** Writes {@code <name>text</name>} when text is not null. */
    public XmlOutput textElement(String name, String text) {
        if (text != null) {
            start(name).endWithText(text);
        }
        return this;
    }

    /** Writes an empty element {@code <name/>} when {@code present}. */
    public XmlOutput flag(String name, boolean present) {
        if (present) {
            start(name).end();
        }
        return this;
    }

    /** Writes an XML comment on its own line; the text is kept as it was read (it cannot contain "--"). */
    public XmlOutput comment(String text) {
        if (startOpen) {
            out.append(">\n");
            startOpen = false;
        }
        if (text.contains("--") || text.endsWith("-")) {
            throw new IllegalArgumentException("an XML comment cannot contain '--' or end with '-'");
        }
        indent();
        out.append("<!--").append(text).append("-->\n");
        return this;
    }

    /**
     * Writes a verbatim element and its subtree. Attributes are double-quoted here, as libvirt's
     * dumpxml writes the content of {@code <metadata>} (it serialises that subtree as it was given).
     */
    public XmlOutput verbatim(VerbatimElement e) {
        return verbatim(e, true);
    }

    /** Writes a kept-as-written libvirt element (not metadata) and its subtree, single-quoted like the rest. */
    public XmlOutput element(VerbatimElement e) {
        return verbatim(e, false);
    }

    private XmlOutput verbatim(VerbatimElement e, boolean doubleQuotes) {
        start(e.name());
        for (VerbatimElement.Namespace ns : e.namespaces()) {
            String n = ns.prefix().isEmpty() ? "xmlns" : "xmlns:" + ns.prefix();
            if (doubleQuotes) {
                doubleQuoted(n, ns.uri());
            } else {
                attr(n, ns.uri());
            }
        }
        for (VerbatimElement.Attribute a : e.attributes()) {
            if (doubleQuotes) {
                doubleQuoted(a.name(), a.value());
            } else {
                attr(a.name(), a.value());
            }
        }
        if (e.children().isEmpty()) {
            return e.text() == null ? end() : endWithText(e.text());
        }
        if (e.text() != null && !e.text().isBlank()) {
            out.append('>');
            escape(e.text().strip(), false);
            out.append('\n');
            startOpen = false;
        }
        for (VerbatimElement c : e.children()) {
            verbatim(c, doubleQuotes);
        }
        return end();
    }

    private void doubleQuoted(String name, String value) {
        if (!startOpen) {
            throw new IllegalStateException("attribute outside a start tag: " + name);
        }
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
    }

    private void indent() {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void escape(String s, boolean inAttribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '\'': out.append("&apos;"); break;
                case '"': out.append("&quot;"); break;
                case '\r': out.append("&#13;"); break;
                case '\n': out.append(inAttribute ? "&#10;" : "\n"); break;
                case '\t': out.append(inAttribute ? "&#9;" : "\t"); break;
                default:
                    if (c < 0x20) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
            }
        }
    }

    /** The document written so far; all elements must be closed. */
    public String finish() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed element " + stack[depth - 1]);
        }
        return out.toString();
    }
}
