package dev.jvirt.vmmcore.daemon.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.vmmcore.HostCapabilities;
import java.io.StringWriter;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The parts of libvirt's {@code <capabilities>} that jvirt knows ({@code <domainCapabilities>}: {@link DomainCapabilitiesXml}). */
public final class CapabilitiesXml {
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    private CapabilitiesXml() {
    }

    public static String capabilities(HostCapabilities c, ObjectNode node) {
        return write(w -> {
            w.writeStartElement("capabilities");
            w.writeStartElement("host");
            w.writeStartElement("cpu");
            element(w, "arch", "x86_64");
            w.writeEndElement();
            w.writeStartElement("topology");
            w.writeAttribute("sockets", node.path("sockets").asText());
            w.writeAttribute("cores", node.path("cores").asText());
            w.writeAttribute("threads", node.path("threads").asText());
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("guest");
            element(w, "os_type", "hvm");
            w.writeStartElement("arch");
            w.writeAttribute("name", "x86_64");
            element(w, "wordsize", "64");
            element(w, "emulator", c.emulator());
            for (String m : new TreeSet<>(c.machines())) {
                element(w, "machine", m);
            }
            domain(w, "qemu");
            if (c.kvm().usable()) {
                domain(w, "kvm");
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(out);
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write capabilities XML", e);
        }
        return out + "\n";
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void domain(XMLStreamWriter w, String type) throws XMLStreamException {
        w.writeEmptyElement("domain");
        w.writeAttribute("type", type);
    }
}
