/** Storage volume definitions: {@link dev.jvirt.domainxml.volume.StorageVolume} and {@link dev.jvirt.domainxml.volume.VolumeXml}. */
package dev.jvirt.domainxml.volume;
