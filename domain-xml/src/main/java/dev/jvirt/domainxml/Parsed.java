package dev.jvirt.domainxml;

import dev.jvirt.domainxml.xml.Node;

/**
 * A definition read from text, with what is needed to point back into that text.
 *
 * @param <T> the definition record type
 * @param definition the parsed record
 * @param sourceName the caller's label for the text, or null
 * @param root the element tree the record came from (for line:column look-ups)
 */
public record Parsed<T>(T definition, String sourceName, Node root) {

    /** Fills in line:column of the violation's element, or of its nearest ancestor present in the source. */
    public Violation locate(Violation v) {
        if (root == null || v.line() > 0) {
            return v;
        }
        String path = v.path();
        Node n = root.find(path);
        while (n == null && path != null && path.lastIndexOf('/') > 0) {
            path = path.substring(0, path.lastIndexOf('/'));
            n = root.find(path); // the element is missing: point at its parent
        }
        return n == null ? v : v.at(n.line(), n.column());
    }
}
