/**
 * Shared machinery of the definition packages (not an API for other modules): the hardened
 * Woodstox reader ({@link dev.jvirt.domainxml.xml.XmlInput}) producing a positioned element
 * tree ({@link dev.jvirt.domainxml.xml.Node}) whose binders track which names they read, and
 * the canonical writer ({@link dev.jvirt.domainxml.xml.XmlOutput}).
 */
package dev.jvirt.domainxml.xml;
