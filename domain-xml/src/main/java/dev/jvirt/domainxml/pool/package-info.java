/** Storage pool definitions: {@link dev.jvirt.domainxml.pool.StoragePool} and {@link dev.jvirt.domainxml.pool.PoolXml}. */
package dev.jvirt.domainxml.pool;
