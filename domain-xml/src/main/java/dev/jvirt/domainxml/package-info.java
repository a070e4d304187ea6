/**
 * libvirt-format definitions for jvirt: records, parsing, defaults, validation and canonical
 * formatting of domains ({@link dev.jvirt.domainxml.domain}), virtual networks
 * ({@link dev.jvirt.domainxml.network}), storage pools ({@link dev.jvirt.domainxml.pool}) and
 * storage volumes ({@link dev.jvirt.domainxml.volume}).
 *
 * <p>Each kind has the same shape: {@code XxxXml.parse(text, sourceName)} (or {@code read} to
 * keep source positions), {@code XxxDefaults.fill(def)}, {@code XxxValidator.validate(def)}
 * returning {@link dev.jvirt.domainxml.Violation}s, {@code XxxXml.format(def)}, and
 * {@code XxxXml.load(text, sourceName)} doing parse → defaults → validate. Every failure is a
 * {@link dev.jvirt.domainxml.DefinitionException} with a one-line message
 * ({@code file:line:column: /element/path: problem (did you mean 'x'?)}). Nothing here does
 * I/O beyond text.
 */
package dev.jvirt.domainxml;
