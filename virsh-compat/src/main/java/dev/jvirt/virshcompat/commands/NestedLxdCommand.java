package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jvirsh nested-lxd}: turns the nested-LXD option of a defined domain on (with its
 * attributes) or off, by editing its {@code <metadata>} with the JDK's DOM and defining it again
 * (jvirtd validates it and writes it in its canonical form).
 */
@Command(name = "nested-lxd", mixinStandardHelpOptions = true,
        description = {"Turn the nested-lxd option of a defined domain on or off (docs/nested-lxd.md): at its next "
                + "start the guest gets a cloud-init seed that initialises LXD, a guest agent channel and, for KVM, "
                + "the nesting CPU flags. --enable replaces the option's attributes with those given."},
        footerHeading = "%nExamples:%n",
        footer = {"  jvirsh nested-lxd web1 --enable --subnet 10.23.0.1/24 --image /var/lib/jvirt/images/busybox-lxd.tar.gz",
            "  jvirsh nested-lxd web1 --disable"})
public final class NestedLxdCommand extends DomainCommand {
    static final String NAMESPACE = "https://jvirt.dev/xmlns/nested-lxd/1";

    @Option(names = "--enable", description = "Turn the option on.")
    boolean enable;

    @Option(names = "--disable", description = "Turn the option off.")
    boolean disable;

    @Option(names = "--storage", paramLabel = "DRIVER", description = "LXD's storage driver: dir, btrfs, lvm or zfs.")
    String storage;

    @Option(names = "--bridge", paramLabel = "NAME", description = "The LXD bridge (default lxdbr0).")
    String bridge;

    @Option(names = "--subnet", paramLabel = "ADDR/PREFIX", description = "The bridge's IPv4 address and prefix.")
    String subnet;

    @Option(names = "--nesting", paramLabel = "BOOL", description = "security.nesting of the default profile (true or false).")
    String nesting;

    @Option(names = "--image", paramLabel = "FILE", description = "A unified LXD image tarball on the host, imported in the guest.")
    String image;

    @Option(names = "--image-alias", paramLabel = "ALIAS", description = "The imported image's alias (default busybox).")
    String imageAlias;

    @Override
    protected void execute() throws Exception {
        if (enable == disable) {
            throw new UsageException("give one of --enable and --disable");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        put(attrs, "storage", storage);
        put(attrs, "bridge", bridge);
        put(attrs, "subnet", subnet);
        put(attrs, "nesting", nesting);
        put(attrs, "image", image);
        put(attrs, "image-alias", imageAlias);
        if (disable && !attrs.isEmpty()) {
            throw new UsageException("--disable takes no attributes");
        }
        String xml = client().xml(name(), true);
        String edited = edit(xml, enable ? attrs : null);
        client().define(edited, false);
        info("Domain '" + name() + "' nested-lxd option " + (enable ? "enabled" : "disabled")
                + " (it takes effect at the next start)");
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** The definition with the option removed and, unless {@code attrs} is null, added with those attributes. */
    static String edit(String xml, Map<String, String> attrs) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        Element metadata = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals("metadata") && e.getNamespaceURI() == null) {
                metadata = e;
            }
        }
        if (metadata != null) {
            for (Node n = metadata.getFirstChild(); n != null; ) {
                Node next = n.getNextSibling();
                if (n instanceof Element e && "nested-lxd".equals(e.getLocalName()) && NAMESPACE.equals(e.getNamespaceURI())) {
                    metadata.removeChild(n);
                }
                n = next;
            }
        }
        if (attrs != null) {
            if (metadata == null) {
                metadata = doc.createElement("metadata");
                Node name = root.getElementsByTagName("name").item(0);
                Node after = name == null ? null : name.getNextSibling();
                root.insertBefore(metadata, after);
            }
            Element option = doc.createElementNS(NAMESPACE, "jvirt:nested-lxd");
            option.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:jvirt", NAMESPACE);
            attrs.forEach(option::setAttribute);
            metadata.appendChild(option);
        } else if (metadata != null && !hasElements(metadata)) {
            root.removeChild(metadata);
        }
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    private static boolean hasElements(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected String failureContext() {
        return "Failed to " + (disable ? "disable" : "enable") + " the nested-lxd option of domain '" + domain + "'";
    }
}
