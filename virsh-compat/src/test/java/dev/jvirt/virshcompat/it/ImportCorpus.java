package dev.jvirt.virshcompat.it;

import dev.jvirt.testimages.PrivateLibvirt;
import dev.jvirt.testimages.TinyGuest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link LibvirtImportIT} puts into its private libvirt: pools {@code default} and
 * {@code imp-b} (dir, running, imp-b autostart), networks {@code default} (NAT, bridge virbr7) and
 * {@code isolated}, and domains: i440fx and q35, UEFI (given, its variables store made by a start, and chosen by libvirt), TPM, network and bridge NICs, pool volumes
 * and a file disk, a CD-ROM, autostart, the tiny guest (twice: one is started under libvirt), and
 * two that jvirt must refuse (a PCI host device; a name jvirt uses already). A virtiofs domain is
 * tried too: libvirt 9.0 refuses virtiofs in session mode, and then it is left out, said on stdout.
 */
final class ImportCorpus {

    private final PrivateLibvirt lv;
    private final TinyGuest guest;
    private final List<String> importable = new ArrayList<>();

    ImportCorpus(PrivateLibvirt lv, TinyGuest guest) {
        this.lv = lv;
        this.guest = guest;
    }

    /** The domains jvirt imports (not the refused ones). */
    List<String> importable() {
        return importable;
    }

    Path poolDir(String pool) {
        return lv.home().resolve("pool-" + pool);
    }

    /** Where this libvirt session keeps an emulated TPM 2.0's state: {@code XDG_CONFIG_HOME/libvirt/qemu/swtpm/UUID/tpm2}. */
    Path swtpmRoot() {
        return lv.configHome().resolve("libvirt/qemu/swtpm");
    }

    String domainUuid(String domain) throws Exception {
        return must("domuuid", domain).strip();
    }

    String networkUuid(String network) throws Exception {
        return must("net-uuid", network).strip();
    }

    void define() throws Exception {
        for (String pool : List.of("default", "imp-b")) {
            must("pool-define-as", pool, "dir", "--target", poolDir(pool).toString());
            must("pool-build", pool);
            must("pool-start", pool);
        }
        must("pool-autostart", "imp-b");
        must("vol-create-as", "default", "tiny.qcow2", "16M", "--format", "qcow2");
        must("vol-create-as", "imp-b", "running.qcow2", "16M", "--format", "qcow2");
        must("vol-create-as", "imp-b", "q35.qcow2", "16M", "--format", "qcow2");
        must("vol-create-as", "imp-b", "data.raw", "8M", "--format", "raw");
        must("net-define", lv.writeXml("net-default.xml", """
                <network><name>default</name><forward mode='nat'/><bridge name='virbr7' stp='on' delay='0'/>
                  <ip address='192.168.157.1' netmask='255.255.255.0'>
                    <dhcp><range start='192.168.157.10' end='192.168.157.99'/></dhcp></ip></network>
                """).toString());
        must("net-define", lv.writeXml("net-isolated.xml", """
                <network><name>isolated</name><ip address='10.77.0.1' netmask='255.255.255.0'/></network>
                """).toString());
        must("net-autostart", "isolated");

        String kernel = lv.copyIn(guest.kernel()).toString();
        String initrd = lv.copyIn(guest.initrd()).toString();
        String tinyOs = "<os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + kernel + "</kernel><initrd>" + initrd
                + "</initrd><cmdline>" + TinyGuest.CMDLINE + "</cmdline></os><features><acpi/></features>";
        String serial = "<serial type='pty'><target port='0'/></serial>";
        domain("imp-tiny", "<memory unit='MiB'>" + TinyGuest.MEMORY_MIB + "</memory>" + tinyOs, disk("default", "tiny.qcow2", "vda")
                + serial);
        domain("imp-running", "<memory unit='MiB'>" + TinyGuest.MEMORY_MIB + "</memory>" + tinyOs,
                disk("imp-b", "running.qcow2", "vda") + serial);
        domain("imp-q35", mem() + q35(""), disk("imp-b", "q35.qcow2", "vda") + nic("network", "network='default'"));
        domain("imp-uefi", mem() + "<os><type arch='x86_64' machine='q35'>hvm</type>"
                + "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"
                + "<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'/></os><features><acpi/></features>", "");
        domain("imp-efi-auto", mem() + "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>"
                + "<features><acpi/></features>", "");
        must("start", "imp-uefi"); // libvirt makes the domain's UEFI variables store at its first start
        must("destroy", "imp-uefi");
        domain("imp-tpm", mem() + q35(""), "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>");
        must("start", "imp-tpm"); // libvirt's swtpm_setup makes the TPM's state at its first start
        must("destroy", "imp-tpm");
        domain("imp-bridge", mem() + pc(), nic("bridge", "bridge='br-imp0'"));
        domain("imp-cdrom", mem() + pc(), "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
                + "<target dev='hdc' bus='ide'/><readonly/></disk>"
                + "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='"
                + poolDir("imp-b").resolve("data.raw") + "'/><target dev='vdb' bus='virtio'/></disk>");
        domain("imp-isolated", mem() + pc(), nic("network", "network='isolated'") + "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>");
        domain("imp-auto", mem() + pc(), "");
        must("autostart", "imp-auto");
        domain("imp-multi", mem() + q35(""), nic("network", "network='default'") + nic("bridge", "bridge='br-imp0'")
                + "<watchdog model='i6300esb' action='reset'/>");
        PrivateLibvirt.Result fs = lv.virsh("define", lv.writeXml("imp-virtiofs.xml", xml("imp-virtiofs",
                mem() + "<memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>" + pc(),
                "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs'/><source dir='/tmp'/>"
                        + "<target dir='share'/></filesystem>")).toString());
        if (fs.exit() == 0) {
            importable.add("imp-virtiofs");
        } else {
            System.out.println("import corpus: imp-virtiofs left out, libvirt refused it here: " + fs.err().strip());
        }
        // refused by jvirt: a host device it cannot start; a name jvirt uses for another definition
        must("define", lv.writeXml("imp-hostdev.xml", xml("imp-hostdev", mem() + pc(),
                "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x00' slot='0x1f' "
                        + "function='0x6'/></source></hostdev>")).toString());
        must("define", lv.writeXml("imp-clash.xml", xml("imp-clash", mem() + pc(), "")).toString());
        must("start", "imp-running");
    }

    private void domain(String name, String head, String devices) throws Exception {
        must("define", lv.writeXml(name + ".xml", xml(name, head, devices)).toString());
        importable.add(name);
    }

    private static String xml(String name, String head, String devices) {
        return "<domain type='qemu'><name>" + name + "</name>" + head + "<devices>" + devices + "</devices></domain>\n";
    }

    private static String mem() {
        return "<memory unit='MiB'>96</memory>";
    }

    private static String pc() {
        return "<os><type arch='x86_64' machine='pc'>hvm</type></os>";
    }

    private static String q35(String extra) {
        return "<os><type arch='x86_64' machine='q35'>hvm</type>" + extra + "</os>";
    }

    private static String disk(String pool, String volume, String target) {
        return "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='" + pool + "' volume='"
                + volume + "'/><target dev='" + target + "' bus='virtio'/></disk>";
    }

    private static String nic(String type, String source) {
        return "<interface type='" + type + "'><source " + source + "/><model type='virtio'/></interface>";
    }

    private String must(String... args) throws IOException, InterruptedException {
        PrivateLibvirt.Result r = lv.virsh(args);
        if (r.exit() != 0) {
            throw new IllegalStateException("virsh " + String.join(" ", args) + " failed: " + r.err().strip());
        }
        return r.out();
    }
}
