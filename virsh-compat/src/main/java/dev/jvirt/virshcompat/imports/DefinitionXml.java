package dev.jvirt.virshcompat.imports;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * One libvirt definition (domain, network or pool XML) as a DOM tree, with the few edits an import
 * makes: references to renamed networks and pools, a network's bridge name, the import marker in
 * a domain's {@code <metadata>}. The JDK's parser with DOCTYPEs refused; no text is pasted together.
 */
public final class DefinitionXml {

    /** The namespace of the import marker jvirt keeps in an imported domain's {@code <metadata>}. */
    public static final String MARKER_NS = "https://jvirt.dev/xmlns/import/1";

    /** A {@code <disk type='volume'>}'s source. */
    public record VolumeRef(String pool, String volume) {
        public String key() {
            return pool + "/" + volume;
        }
    }

    private final Document doc;

    private DefinitionXml(Document doc) {
        this.doc = doc;
    }

    public static DefinitionXml parse(String xml, String what) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return new DefinitionXml(b.parse(new InputSource(new StringReader(xml))));
        } catch (ParserConfigurationException | SAXException | java.io.IOException e) {
            throw new ImportException("libvirt gave XML for " + what + " that cannot be read: " + e.getMessage(), e);
        }
    }

    /** sha-256 of a definition's text, hex: what the import marker records of libvirt's XML. */
    public static String digest(String xml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public String format() {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write a DOM tree", e);
        }
    }

    private Element root() {
        return doc.getDocumentElement();
    }

    /** The text of the root's {@code <name>}. */
    public String name() {
        Element n = child(root(), "name");
        return n == null ? null : n.getTextContent().strip();
    }

    public void rename(String name) {
        Element n = child(root(), "name");
        if (n == null) {
            n = doc.createElement("name");
            root().insertBefore(n, root().getFirstChild());
        }
        n.setTextContent(name);
    }

    /** The networks a domain's {@code <interface type='network'>}s name. */
    public List<String> networkRefs() {
        List<String> names = new ArrayList<>();
        for (Element src : interfaceSources()) {
            names.add(src.getAttribute("network"));
        }
        return names;
    }

    public void renameNetworkRefs(Map<String, String> renamed) {
        for (Element src : interfaceSources()) {
            String to = renamed.get(src.getAttribute("network"));
            if (to != null) {
                src.setAttribute("network", to);
            }
        }
    }

    private List<Element> interfaceSources() {
        List<Element> out = new ArrayList<>();
        for (Element nic : devices("interface")) {
            Element src = child(nic, "source");
            if ("network".equals(nic.getAttribute("type")) && src != null && src.hasAttribute("network")) {
                out.add(src);
            }
        }
        return out;
    }

    /** The volumes a domain's {@code <disk type='volume'>}s name. */
    public List<VolumeRef> volumeRefs() {
        List<VolumeRef> out = new ArrayList<>();
        for (Element src : volumeSources()) {
            out.add(new VolumeRef(src.getAttribute("pool"), src.getAttribute("volume")));
        }
        return out;
    }

    public void renamePoolRefs(Map<String, String> renamed) {
        for (Element src : volumeSources()) {
            String to = renamed.get(src.getAttribute("pool"));
            if (to != null) {
                src.setAttribute("pool", to);
            }
        }
    }

    private List<Element> volumeSources() {
        List<Element> out = new ArrayList<>();
        for (Element disk : devices("disk")) {
            Element src = child(disk, "source");
            if ("volume".equals(disk.getAttribute("type")) && src != null) {
                out.add(src);
            }
        }
        return out;
    }

    /**
     * Turns each {@code <disk type='volume'>} into a {@code <disk type='file'>} on the path
     * {@code paths} gives (what jvirt's host phase would resolve it to), for a check of the rest.
     */
    public void volumesToFiles(java.util.function.Function<VolumeRef, String> paths) {
        for (Element disk : devices("disk")) {
            Element src = child(disk, "source");
            if ("volume".equals(disk.getAttribute("type")) && src != null) {
                String path = paths.apply(new VolumeRef(src.getAttribute("pool"), src.getAttribute("volume")));
                disk.setAttribute("type", "file");
                src.removeAttribute("pool");
                src.removeAttribute("volume");
                src.removeAttribute("mode");
                src.setAttribute("file", path == null ? "/nonexistent" : path);
            }
        }
    }

    /** The files a domain's {@code <disk type='file'>}s name (CD-ROMs without media have none). */
    public List<String> diskFiles() {
        List<String> out = new ArrayList<>();
        for (Element disk : devices("disk")) {
            Element src = child(disk, "source");
            if ("file".equals(disk.getAttribute("type")) && src != null && !src.getAttribute("file").isEmpty()) {
                out.add(src.getAttribute("file"));
            }
        }
        return out;
    }

    /** The path in {@code <os><nvram>}, or null. */
    public String nvram() {
        Element os = child(root(), "os");
        Element nv = os == null ? null : child(os, "nvram");
        return nv == null || nv.getTextContent().isBlank() ? null : nv.getTextContent().strip();
    }

    /** Whether {@code <os firmware='efi'>} leaves the firmware to the driver. */
    public boolean autoEfi() {
        Element os = child(root(), "os");
        return os != null && "efi".equals(os.getAttribute("firmware"));
    }

    /** Points {@code <os><nvram>} at {@code path} (its template, if any, kept). */
    public void setNvram(String path) {
        Element os = child(root(), "os");
        Element nv = os == null ? null : child(os, "nvram");
        if (nv != null) {
            nv.setTextContent(path);
        }
    }

    /** Leaves the variables store's path to jvirt: {@code <nvram>} without text (its template kept), or none. */
    public void dropNvramPath() {
        Element os = child(root(), "os");
        Element nv = os == null ? null : child(os, "nvram");
        if (nv != null) {
            if (nv.hasAttribute("template")) {
                nv.setTextContent("");
            } else {
                os.removeChild(nv);
            }
        }
    }

    /** Whether a domain has an emulated TPM (its state lives with libvirt). */
    /** The version of the first emulated TPM ({@code 2.0} when not written, as libvirt's default), or null without one. */
    public String emulatedTpmVersion() {
        for (Element tpm : devices("tpm")) {
            Element backend = child(tpm, "backend");
            if (backend != null && "emulator".equals(backend.getAttribute("type"))) {
                String v = backend.getAttribute("version");
                return v.isEmpty() ? "2.0" : v;
            }
        }
        return null;
    }

    public boolean hasEmulatedTpm() {
        for (Element tpm : devices("tpm")) {
            Element backend = child(tpm, "backend");
            if (backend != null && "emulator".equals(backend.getAttribute("type"))) {
                return true;
            }
        }
        return false;
    }

    /** A network's {@code <bridge name>}, or null. */
    public String bridgeName() {
        Element b = child(root(), "bridge");
        return b == null || !b.hasAttribute("name") ? null : b.getAttribute("name");
    }

    /** Leaves the bridge's name to jvirt (the one libvirt gave is taken on this host while libvirt runs it). */
    public void dropBridgeName() {
        Element b = child(root(), "bridge");
        if (b != null) {
            b.removeAttribute("name");
        }
    }

    /** The digest recorded by an earlier import, or null. */
    public String markerDigest() {
        Element md = child(root(), "metadata");
        if (md == null) {
            return null;
        }
        NodeList marks = md.getElementsByTagNameNS(MARKER_NS, "source");
        return marks.getLength() == 0 ? null : ((Element) marks.item(0)).getAttribute("digest");
    }

    /** Records in {@code <metadata>} where the definition came from and the digest of libvirt's XML. */
    public void mark(String uri, String digest) {
        Element md = child(root(), "metadata");
        if (md == null) {
            md = doc.createElement("metadata");
            Element after = child(root(), "uuid");
            root().insertBefore(md, after == null ? null : after.getNextSibling());
        }
        Element mark = doc.createElementNS(MARKER_NS, "jvirt-import:source");
        mark.setAttribute("uri", uri);
        mark.setAttribute("digest", digest);
        md.appendChild(mark);
    }

    private List<Element> devices(String tag) {
        Element devices = child(root(), "devices");
        List<Element> out = new ArrayList<>();
        if (devices == null) {
            return out;
        }
        for (Node n = devices.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(n.getNodeName())) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(n.getNodeName())) {
                return (Element) n;
            }
        }
        return null;
    }
}
