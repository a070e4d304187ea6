package dev.jvirt.domainxml;

import java.util.List;

/**
 * An element kept as written, for content jvirt does not interpret (children of
 * {@code <metadata>}), in any namespace.
 *
 * @param name qualified name as written, e.g. {@code app:info}
 * @param namespaces namespace declarations on this element, in order
 * @param attributes attributes in order (qualified names)
 * @param text the element's own text (whitespace between child elements dropped), or null
 * @param children child elements in order
 */
public record VerbatimElement(
        String name,
        List<Namespace> namespaces,
        List<Attribute> attributes,
        String text,
        List<VerbatimElement> children) {

    /** Normalises lists to immutable copies. */
    public VerbatimElement {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** A namespace declaration; the prefix is empty for the default namespace. */
    public record Namespace(String prefix, String uri) {}

    /** An attribute with its qualified name. */
    public record Attribute(String name, String value) {}
}
