package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainValidator;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.vmmcore.InvalidDomainException;

/** Domain XML in and out, through domain-xml: parse → defaults → validate, and canonical text. */
public final class DomainDefinitions {

    /** Parses without defaults (to learn the name, and whether the text carries a UUID). */
    public Parsed<Domain> parse(String xml, String sourceName) {
        try {
            return DomainXml.read(xml, sourceName);
        } catch (DefinitionException e) {
            throw new InvalidDomainException(e.getMessage(), e);
        }
    }

    /**
     * Fills defaults and validates. A definition without a UUID gets {@code existingUuid} (so
     * redefining a domain from a file without one keeps its identity), else a random one.
     */
    public Domain complete(Parsed<Domain> parsed, String existingUuid) {
        Domain d = parsed.definition();
        if (d.uuid() == null && existingUuid != null) {
            d = d.withUuid(existingUuid);
        }
        try {
            Domain filled = DomainDefaults.fill(d);
            DomainValidator.requireValid(new Parsed<>(filled, parsed.sourceName(), parsed.root()));
            return filled;
        } catch (DefinitionException e) {
            throw new InvalidDomainException(e.getMessage(), e);
        }
    }

    /** Reads back a definition jvirt wrote itself (complete already; defaults are idempotent). */
    public Domain reload(String xml, String sourceName) {
        return complete(parse(xml, sourceName), null);
    }

    public String format(Domain d) {
        return DomainXml.format(d);
    }

    /** A running domain's text as libvirt's live XML: its id on the root, each device's alias. */
    public String formatLive(Domain d, int id) {
        return DomainXml.formatLive(d, id, LiveAliases.of(d)::get);
    }
}
