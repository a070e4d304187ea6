package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.XmlInput;

/**
 * Entry point for domain XML text: parse, format, and the usual parse → defaults → validate
 * pipeline. Thread-safe and free of I/O.
 */
public final class DomainXml {
    private DomainXml() {}

    /**
     * Parses domain XML.
     *
     * @param xml the text
     * @param sourceName a label for error messages (e.g. the file name), or null
     * @return the definition as written (no defaults filled, not validated)
     * @throws DefinitionException on malformed XML, unknown elements or attributes, bad numbers or
     *     units, or a missing {@code <name>}
     */
    public static Domain parse(String xml, String sourceName) {
        return read(xml, sourceName).definition();
    }

    /** Like {@link #parse} but keeps the element tree so violations can be given a line:column. */
    public static Parsed<Domain> read(String xml, String sourceName) {
        Node root = XmlInput.parse(xml, sourceName, "domain");
        Domain d = DomainReader.read(root);
        root.checkConsumed();
        requireName(root, d);
        return new Parsed<>(d, sourceName, root);
    }

    /**
     * Parses one {@code <disk>} element (virsh attach-device / detach-device): as written, no
     * defaults filled; validate it as part of the domain it joins.
     */
    public static Disk parseDisk(String xml, String sourceName) {
        Node root = XmlInput.parse(xml, sourceName, "disk");
        Disk d = DiskReader.disk(root);
        root.checkConsumed();
        return d;
    }

    /**
     * A domain is known by its name, so a definition without one cannot even be looked up: it is
     * refused here, at the position of the element, rather than left for validation.
     */
    private static void requireName(Node root, Domain d) {
        if (d.name() == null) {
            throw root.error("missing <name>: every domain needs a name (add <name>NAME</name>)");
        }
        if (d.name().isEmpty()) {
            throw root.find("/domain/name").error("empty <name>: every domain needs a name");
        }
    }

    /**
     * Parses, fills defaults and validates: what a define operation needs.
     *
     * @throws dev.jvirt.domainxml.InvalidDefinitionException when semantic checks fail
     */
    public static Domain load(String xml, String sourceName) {
        Parsed<Domain> p = read(xml, sourceName);
        Domain filled = DomainDefaults.fill(p.definition());
        DomainValidator.requireValid(new Parsed<>(filled, sourceName, p.root()));
        return filled;
    }

    /** Canonical text: libvirt's element order, two-space indent, single quotes, sizes in KiB. */
    public static String format(Domain d) {
        return DomainWriter.write(d, null, null);
    }

    /**
     * A running domain's text, as libvirt's live XML: {@link #format}'s, with the domain's id on
     * the root ({@code <domain type='qemu' id='3'>}) and each device's {@code <alias name>} that
     * {@code aliases} gives (by the device's record in {@code d}; null: none). Read back by
     * {@link #parse}, which drops both.
     */
    public static String formatLive(Domain d, int id, java.util.function.Function<Object, String> aliases) {
        return DomainWriter.write(d, id, aliases);
    }
}
