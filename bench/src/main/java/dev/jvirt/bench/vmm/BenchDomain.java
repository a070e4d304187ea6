package dev.jvirt.bench.vmm;

import java.nio.file.Path;

/**
 * The one domain XML every contender starts: the tiny guest (direct kernel boot, one virtio disk,
 * the first serial a pty whose output is also logged to a file), TCG.
 */
final class BenchDomain {
    private static final String TEMPLATE = """
            <domain type='qemu'>
              <name>@NAME@</name>
              <memory unit='MiB'>128</memory>
              <vcpu>1</vcpu>
              <os>
                <type arch='x86_64' machine='pc'>hvm</type>
                <kernel>@KERNEL@</kernel>
                <initrd>@INITRD@</initrd>
                <cmdline>console=ttyS0</cmdline>
              </os>
              <features>
                <acpi/>
              </features>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='@DISK@'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <serial type='pty'>
                  <log file='@LOG@' append='off'/>
                  <target port='0'/>
                </serial>
              </devices>
            </domain>
            """;

    private BenchDomain() {
    }

    static String xml(String name, Path kernel, Path initrd, Path disk, Path serialLog) {
        return TEMPLATE.replace("@NAME@", escape(name)).replace("@KERNEL@", escape(kernel.toString()))
                .replace("@INITRD@", escape(initrd.toString())).replace("@DISK@", escape(disk.toString()))
                .replace("@LOG@", escape(serialLog.toString()));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
