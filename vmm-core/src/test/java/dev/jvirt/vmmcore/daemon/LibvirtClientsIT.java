package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.HostPackages;
import dev.jvirt.testimages.PrivateLibvirt;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.DomainState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;

/** libvirt's own client libraries, unchanged, against jvirtd's libvirt socket: libvirt-java and python3-libvirt. */
@ExtendWith(TinyGuestExtension.class)
class LibvirtClientsIT {

    @Test
    void libvirtJavaListsStartsAndDestroys(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            Jvirtd d = f.start();
            d.hypervisor().define(DaemonFixture.tinyXml(guest, "java1"));
            d.hypervisor().define(DaemonFixture.tinyXml(guest, "java2"));
            Connect c = new Connect("qemu+unix:///session?socket=" + d.libvirtSocket());
            try {
                assertThat(c.getType()).isEqualTo("QEMU");
                assertThat(c.numOfDomains()).isZero();
                assertThat(Arrays.stream(c.listDefinedDomains()).sorted().toList()).containsExactly("java1", "java2");

                Domain dom = c.domainLookupByName("java1");
                assertThat(dom.getUUIDString()).isEqualTo(d.hypervisor().info("java1").uuid());
                assertThat(dom.isActive()).isZero();
                dom.create();
                assertThat(dom.isActive()).isEqualTo(1);
                assertThat(d.hypervisor().state("java1").state()).isEqualTo(DomainState.RUNNING);
                assertThat(c.listDomains()).containsExactly(d.hypervisor().info("java1").id().getAsInt());
                DomainInfo info = dom.getInfo();
                assertThat(info.state).isEqualTo(DomainInfo.DomainState.VIR_DOMAIN_RUNNING);
                assertThat(info.maxMem).isEqualTo(TinyGuest.MEMORY_MIB * 1024L);
                assertThat(c.domainLookupByID(dom.getID()).getName()).isEqualTo("java1");
                assertThat(dom.getXMLDesc(0)).contains("<name>java1</name>");

                dom.destroy();
                assertThat(dom.isActive()).isZero();
                assertThat(d.hypervisor().state("java1").state()).isEqualTo(DomainState.SHUTOFF);
                assertThat(dom.getInfo().state).isEqualTo(DomainInfo.DomainState.VIR_DOMAIN_SHUTOFF);
            } finally {
                c.close();
            }
        }
    }

    @Test
    void python3LibvirtOpensAndLists(TinyGuest guest) throws Exception {
        HostPackages.file("/usr/lib/python3/dist-packages/libvirt.py", "python3-libvirt");
        try (DaemonFixture f = new DaemonFixture()) {
            Jvirtd d = f.start();
            d.hypervisor().define(DaemonFixture.tinyXml(guest, "py1"));
            d.hypervisor().define(DaemonFixture.tinyXml(guest, "py2"));
            String script = String.join("\n",
                    "import sys, libvirt",
                    "c = libvirt.open(sys.argv[1])",
                    "print(c.getType(), c.getLibVersion())",
                    "print(sorted(d.name() for d in c.listAllDomains()))",
                    "d = c.lookupByName('py2')",
                    "print(d.UUIDString(), d.isActive(), d.state())",
                    "print(sorted((dom.name(), st['state.state']) for dom, st in c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE)))",
                    "p = c.storagePoolLookupByName('default')",
                    "print(p.name(), p.isActive(), p.isPersistent(), p.autostart(), p.info()[0], p.listAllVolumes())",
                    "v = p.createXML(\"<volume><name>py.qcow2</name><capacity>1048576</capacity>"
                            + "<target><format type='qcow2'/></target></volume>\", 0)",
                    "print(v.name(), v.key() == v.path(), v.path(), v.info()[:2], c.storageVolLookupByPath(v.path()).name())",
                    "print(v.storagePoolLookupByVolume().name(), [x.name() for x in p.listAllVolumes()])",
                    "v.delete(0)",
                    "print(p.numOfVolumes(), [n.name() for n in c.listAllNetworks()])",
                    "for look in (lambda: c.storagePoolLookupByName('nope'), lambda: p.storageVolLookupByName('nope'),",
                    "             lambda: c.networkLookupByName('nope')):",
                    "    try:",
                    "        look()",
                    "    except libvirt.libvirtError as e:",
                    "        print(e.get_error_code(), e.get_error_domain())",
                    "c.close()");
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, "qemu+unix:///session?socket=" + d.libvirtSocket())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out.lines().toList()).containsExactly(
                    "QEMU 9000000",
                    "['py1', 'py2']",
                    d.hypervisor().info("py2").uuid() + " 0 [5, 0]",
                    "[('py1', 5), ('py2', 5)]",
                    "default 1 1 1 2 []",
                    "py.qcow2 True " + f.dirs.state().resolve("images").resolve("py.qcow2") + " [0, 1048576] py.qcow2",
                    "default ['py.qcow2']",
                    "0 []",
                    // libvirt's default error handler names the error domain on stderr, then the code and domain
                    "libvirt: Storage Driver error : Storage pool not found: no storage pool with matching name 'nope'",
                    "49 18", // VIR_ERR_NO_STORAGE_POOL, VIR_FROM_STORAGE
                    "libvirt: Storage Driver error : Storage volume not found: no storage vol with matching name 'nope'",
                    "50 18", // VIR_ERR_NO_STORAGE_VOL
                    "libvirt: Network Driver error : Network not found: no network with matching name 'nope'",
                    "43 19"); // VIR_ERR_NO_NETWORK, VIR_FROM_NETWORK
        }
    }


    /** virt-install 4.1 (python3-libvirt underneath) prints and then creates a domain on jvirt; a direct-boot kernel is the guest. */
    @Test
    void virtInstallImportCreatesADomain(TinyGuest guest) throws Exception {
        HostPackages.command("virt-install", "virtinst");
        try (DaemonFixture f = new DaemonFixture()) {
            Jvirtd d = f.start();
            List<String> argv = List.of("virt-install", "--connect",
                    "qemu+unix:///session?socket=" + d.libvirtSocket(), "--import", "--name", "vi1", "--memory", "128",
                    "--vcpus", "1", "--disk", "none", "--boot", "kernel=" + guest.kernel() + ",initrd=" + guest.initrd()
                            + ",kernel_args=" + TinyGuest.CMDLINE,
                    "--osinfo", "detect=off,name=linux2020", "--network", "none", "--graphics", "none");
            String printed = run(argv, "--print-xml");
            assertThat(printed).contains("<name>vi1</name>", "<kernel>" + guest.kernel() + "</kernel>");
            assertThat(d.hypervisor().list()).isEmpty();
            // --boot uefi: virt-install finds UEFI in jvirt's domain capabilities (firmware enum, loaders)
            List<String> uefi = argv.stream().map(a -> a.startsWith("kernel=") ? "uefi," + a : a).toList();
            assertThat(run(uefi, "--print-xml")).contains("<os firmware=\"efi\">");

            String created = run(argv, "--noautoconsole");
            assertThat(created).contains("Domain creation completed.");
            assertThat(d.hypervisor().info("vi1").persistent()).isTrue();
            assertThat(d.hypervisor().state("vi1").state()).isEqualTo(DomainState.RUNNING);
            d.hypervisor().destroy("vi1");
        }
    }

    /**
     * {@code --disk size=1}: virt-install makes a new qcow2 volume in jvirt's {@code default} pool
     * (looked up, listed, created over the storage procedures) and the domain runs on it.
     */
    @Test
    void virtInstallMakesANewVolumeInTheDefaultPool(TinyGuest guest) throws Exception {
        HostPackages.command("virt-install", "virtinst");
        try (DaemonFixture f = new DaemonFixture()) {
            Jvirtd d = f.start();
            List<String> argv = virtInstall(d, guest, "vi2", "--disk", "size=1", "--network", "none");
            Path image = f.dirs.state().resolve("images").resolve("vi2.qcow2");
            assertThat(run(argv, "--print-xml")).contains("<source file=\"" + image + "\"/>");
            assertThat(d.hypervisor().list()).isEmpty();

            assertThat(run(argv, "--noautoconsole")).contains("Domain creation completed.");
            assertThat(d.hypervisor().state("vi2").state()).isEqualTo(DomainState.RUNNING);
            String disk = d.hypervisor().xml("vi2", true);
            assertThat(disk).containsPattern("<source file=['\"]" + f.dirs.state().resolve("images") + "/vi2(-1)?\\.qcow2['\"]/>");
            String vols = LibvirtVirshIT.run(virsh(d), "vol-list", "default");
            assertThat(vols).contains("vi2.qcow2").endsWith("exit 0\n");
            assertThat(LibvirtVirshIT.run(virsh(d), "vol-info", "--pool", "default", "vi2.qcow2")).contains("Capacity:       1.00 GiB");
            d.hypervisor().destroy("vi2");
        }
    }

    /**
     * {@code --import --disk path=FILE} outside any pool, and {@code --network network=NAME} on a
     * network that is defined but not started, run by the same virt-install against jvirtd and
     * against a private session libvirtd: both make a pool for the image's directory and both
     * refuse the start with libvirt's network error; then without the NIC the domain runs on jvirt.
     */
    @Test
    void virtInstallImportsADiskPathAndMeetsAnInactiveNetworkAsWithLibvirtd(TinyGuest guest) throws Exception {
        HostPackages.command("virt-install", "virtinst");
        try (DaemonFixture f = new DaemonFixture(); PrivateLibvirt lv = PrivateLibvirt.start()) {
            Jvirtd d = f.start();
            Path kernel = lv.copyIn(guest.kernel());
            Path initrd = lv.copyIn(guest.initrd());
            Path disk = kernel.resolveSibling("disk1.qcow2");
            Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "64M").inheritIO().start();
            assertThat(img.waitFor()).isZero();
            disk.toFile().setReadable(true, false);
            Path net = lv.writeXml("wnet2.xml", "<network><name>wnet2</name><bridge name='wbr2'/>"
                    + "<ip address='192.168.211.1' netmask='255.255.255.0'/></network>");
            List<String> libvirtd = lv.command("virsh", "-c", "qemu:///session");
            assertThat(LibvirtVirshIT.run(libvirtd, "net-define", net.toString())).endsWith("exit 0\n");
            assertThat(LibvirtVirshIT.run(virsh(d), "net-define", net.toString())).endsWith("exit 0\n");
            String boot = "kernel=" + kernel + ",initrd=" + initrd + ",kernel_args=" + TinyGuest.CMDLINE;
            List<String> common = List.of("--import", "--name", "vi3", "--memory", "128", "--vcpus", "1", "--boot", boot,
                    "--osinfo", "detect=off,name=linux2020", "--graphics", "none", "--disk", "path=" + disk,
                    "--noautoconsole");
            List<String> jv = new ArrayList<>(List.of("virt-install", "--connect", "qemu+unix:///session?socket=" + d.libvirtSocket()));
            jv.addAll(common);
            List<String> lvArgv = new ArrayList<>(lv.command("virt-install", "--connect", "qemu:///session"));
            lvArgv.addAll(common);

            String jvFailed = errorLines(runAny(jv, "--network", "network=wnet2"));
            String lvFailed = errorLines(runAny(lvArgv, "--network", "network=wnet2"));
            assertThat(jvFailed).isEqualTo(lvFailed).contains("Requested operation is not valid: network 'wnet2' is not active");
            // the pool virt-install made for the image's directory (jvirt also has its 'default', made on first use)
            String made = " " + disk.getParent().getFileName() + " ";
            String jvPools = LibvirtVirshIT.run(virsh(d), "pool-list", "--all", "--name");
            String lvPools = LibvirtVirshIT.run(libvirtd, "pool-list", "--all", "--name");
            assertThat(jvPools).contains(made.strip());
            assertThat(lvPools).contains(made.strip());
            assertThat(LibvirtVirshIT.run(virsh(d), "pool-dumpxml", made.strip()).replaceAll("(?s)<uuid>.*</available>", ""))
                    .contains("<path>" + disk.getParent() + "</path>");
            assertThat(d.hypervisor().list()).isEmpty();

            List<String> again = new ArrayList<>(jv);
            again.add("--network");
            assertThat(run(again, "none")).contains("Domain creation completed.");
            assertThat(d.hypervisor().state("vi3").state()).isEqualTo(DomainState.RUNNING);
            assertThat(d.hypervisor().xml("vi3", false)).contains(disk.toString());
            d.hypervisor().destroy("vi3");
        }
    }

    private static List<String> virsh(Jvirtd d) {
        return List.of("virsh", "-c", "qemu+unix:///session?socket=" + d.libvirtSocket());
    }

    private static List<String> virtInstall(Jvirtd d, TinyGuest guest, String name, String... more) {
        List<String> argv = new ArrayList<>(List.of("virt-install", "--connect",
                "qemu+unix:///session?socket=" + d.libvirtSocket(), "--import", "--name", name, "--memory", "128",
                "--vcpus", "1", "--boot", "kernel=" + guest.kernel() + ",initrd=" + guest.initrd()
                        + ",kernel_args=" + TinyGuest.CMDLINE,
                "--osinfo", "detect=off,name=linux2020", "--graphics", "none"));
        argv.addAll(List.of(more));
        return argv;
    }

    /** virt-install's ERROR lines. */
    private static String errorLines(String out) {
        return String.join("\n", out.lines().filter(l -> l.startsWith("ERROR")).toList());
    }

    /** Runs {@code argv} + {@code more}, whatever its exit status; its output. */
    private static String runAny(List<String> argv, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(argv);
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("virt-install finished").isTrue();
        return out;
    }

    private static String run(List<String> argv, String last) throws Exception {
        List<String> cmd = new ArrayList<>(argv);
        cmd.add(last);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("virt-install finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
