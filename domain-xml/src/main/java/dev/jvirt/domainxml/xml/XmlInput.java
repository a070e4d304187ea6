package dev.jvirt.domainxml.xml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.exc.WstxLazyException;
import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.VerbatimElement;
import java.io.StringReader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML text into a {@link Node} tree through Jackson's XML factory over Woodstox, with
 * DTDs, external entities and XInclude switched off and the input size bounded.
 */
public final class XmlInput {
    /** Largest accepted input, in characters. */
    public static final int MAX_CHARS = 1 << 20;

    private static final int MAX_DEPTH = 64;

    private static final XmlMapper MAPPER = createMapper();
    private static final XMLInputFactory FACTORY = MAPPER.getFactory().getXMLInputFactory();

    private XmlInput() {}

    private static XmlMapper createMapper() {
        WstxInputFactory in = new WstxInputFactory();
        in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        in.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        in.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        in.setProperty(XMLInputFactory.IS_COALESCING, false); // text arrives in chunks; Node appends them
        in.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_DEPTH);
        in.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 64);
        // StAX has no XInclude; nothing here resolves xi:include, which is then an unknown element.
        return new XmlMapper(new XmlFactory(in));
    }

    /** The shared, hardened Jackson mapper whose factory this reader uses. */
    public static XmlMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses text into a tree and checks the root element's name.
     *
     * @param xml the document
     * @param sourceName the caller's label for error messages, or null
     * @param rootName the expected root element, e.g. {@code domain}
     */
    public static Node parse(String xml, String sourceName, String rootName) {
        if (xml == null) {
            throw new DefinitionException(sourceName, 0, 0, null, "no XML text given", null);
        }
        if (xml.length() > MAX_CHARS) {
            throw new DefinitionException(sourceName, 0, 0, null,
                    "input is " + xml.length() + " characters; definitions over " + MAX_CHARS
                            + " characters (1 MiB) are refused", null);
        }
        Node.Source source = new Node.Source(sourceName);
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(xml));
            Node root = null;
            Node cur = null;
            java.util.List<String> prolog = new java.util.ArrayList<>(0);
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT: {
                        Location loc = r.getLocation();
                        Node n = new Node(source, cur, qname(r.getPrefix(), r.getLocalName()),
                                loc.getLineNumber(), loc.getColumnNumber());
                        for (int i = 0; i < r.getNamespaceCount(); i++) {
                            String p = r.getNamespacePrefix(i);
                            n.namespaces.add(new VerbatimElement.Namespace(p == null ? "" : p, r.getNamespaceURI(i)));
                        }
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            n.attrNames.add(qname(r.getAttributePrefix(i), r.getAttributeLocalName(i)));
                            n.attrValues.add(r.getAttributeValue(i));
                        }
                        if (cur == null) {
                            root = n;
                            n.comments.addAll(prolog);
                        } else {
                            cur.children.add(n);
                        }
                        cur = n;
                        break;
                    }
                    case XMLStreamConstants.END_ELEMENT:
                        cur = parentOf(cur, root);
                        break;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        // whitespace between child elements carries nothing; skipping it saves a buffer per element
                        if (cur != null && !(cur.children.size() > 0 && r.isWhiteSpace())) {
                            cur.appendText(r.getText());
                        }
                        break;
                    case XMLStreamConstants.COMMENT:
                        // comments before the root element are kept (libvirt's saved files start with one);
                        // comments elsewhere carry nothing a definition needs and are dropped
                        if (root == null) {
                            prolog.add(r.getText());
                        }
                        break;
                    case XMLStreamConstants.DTD: {
                        Location loc = r.getLocation();
                        throw new DefinitionException(sourceName, loc.getLineNumber(), loc.getColumnNumber(),
                                null, "DOCTYPE declarations are not allowed", null);
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE: {
                        Location loc = r.getLocation();
                        throw new DefinitionException(sourceName, loc.getLineNumber(), loc.getColumnNumber(),
                                cur == null ? null : cur.path(), "entity references are not allowed", null);
                    }
                    default:
                        break;
                }
            }
            if (root == null) {
                throw new DefinitionException(sourceName, 0, 0, null, "no root element", null);
            }
            if (!root.name().equals(rootName)) {
                throw root.error("expected root element <" + rootName + ">, found <" + root.name() + ">");
            }
            return root;
        } catch (XMLStreamException e) {
            throw malformed(sourceName, e);
        } catch (WstxLazyException e) {
            // Woodstox reports some errors (e.g. bad character references) lazily, from getText()
            if (e.getCause() instanceof XMLStreamException cause) {
                throw malformed(sourceName, cause);
            }
            throw new DefinitionException(sourceName, 0, 0, null, "malformed XML: " + e.getMessage(), null, e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for a string source
                }
            }
        }
    }

    private static DefinitionException malformed(String sourceName, XMLStreamException e) {
        Location loc = e.getLocation();
        return new DefinitionException(sourceName, loc == null ? 0 : loc.getLineNumber(),
                loc == null ? 0 : loc.getColumnNumber(), null, "malformed XML: " + cleanMessage(e), null, e);
    }

    private static Node parentOf(Node cur, Node root) {
        return cur == root ? null : cur.parentNode();
    }

    private static String qname(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = m.indexOf("\n at [");
        if (at >= 0) {
            m = m.substring(0, at);
        }
        if (m.startsWith("ParseError at [")) {
            int nl = m.indexOf("Message: ");
            if (nl >= 0) {
                m = m.substring(nl + 9);
            }
        }
        return m.replaceAll("\\s+", " ").strip();
    }
}
