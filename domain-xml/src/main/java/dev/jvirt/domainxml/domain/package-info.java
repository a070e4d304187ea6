/**
 * Domain (virtual machine) definitions: {@link dev.jvirt.domainxml.domain.Domain} and its parts,
 * with {@link dev.jvirt.domainxml.domain.DomainXml}, {@link dev.jvirt.domainxml.domain.DomainDefaults}
 * and {@link dev.jvirt.domainxml.domain.DomainValidator} as entry points.
 */
package dev.jvirt.domainxml.domain;
