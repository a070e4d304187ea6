/** Virtual network definitions: {@link dev.jvirt.domainxml.network.Network} and {@link dev.jvirt.domainxml.network.NetworkXml}. */
package dev.jvirt.domainxml.network;
