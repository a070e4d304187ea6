/** External tools from argument lists: {@link dev.jvirt.storage.exec.Commands}, {@link dev.jvirt.storage.exec.QemuImg}. */
package dev.jvirt.storage.exec;
