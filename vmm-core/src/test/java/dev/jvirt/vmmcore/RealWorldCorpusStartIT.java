package dev.jvirt.vmmcore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.qemu.ProcFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every file of domain-xml's real-world corpus that can run here starts: QEMU takes the command
 * line jvirt builds for it (every device, controller and PCI address as written or defaulted) and
 * runs. What the host cannot give is swapped, nothing else: TCG for KVM (and {@code maximum} for
 * {@code host-passthrough}), the tiny guest's kernel (direct boot), fresh images for the disks,
 * empty CD-ROM drives, no {@code <numatune>} (host NUMA nodes), user-mode networking for NICs
 * on networks and bridges (their TAPs are the network backends' tests).
 */
@ExtendWith(TinyGuestExtension.class)
class RealWorldCorpusStartIT {
    static final Path REALWORLD = Path.of(System.getProperty("basedir", "."), "../domain-xml/src/test/resources/corpus/realworld");

    /** Files that need what this host does not have, with the reason. */
    private static final Map<String, String> CANNOT_RUN_HERE = Map.of(
            "fedora37-virtiofs.virt-install.xml", "virtiofs needs virtiofsd and shared memory for the share",
            "fedora37-hugepages.virt-install.xml", "hugepages need a mounted hugetlbfs with free pages",
            "fedora37-hugepages.dumpxml.xml", "hugepages need a mounted hugetlbfs with free pages",
            "ubuntu22.04-spice-tls.virt-install.xml", "SPICE over TLS needs certificates in /etc/pki/libvirt-spice",
            "ubuntu22.04-spice-tls.dumpxml.xml", "SPICE over TLS needs certificates in /etc/pki/libvirt-spice");

    @AutoClose
    private final TestHost host = new TestHost();

    @Test
    void everyRealWorldDefinitionThatCanRunHereStarts(TinyGuest guest) throws Exception {
        Hypervisor hv = host.open();
        List<Path> files;
        try (Stream<Path> s = Files.list(REALWORLD)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        List<String> failed = new ArrayList<>();
        int started = 0;
        for (Path f : files) {
            String file = f.getFileName().toString();
            if (CANNOT_RUN_HERE.containsKey(file)) {
                continue;
            }
            String xml = runnableHere(Files.readString(f, StandardCharsets.UTF_8), guest, file);
            String name = hv.define(xml).name();
            try {
                long pid = hv.start(name).pid().orElseThrow();
                assertThat(hv.state(name).describe()).startsWith("running");
                hv.destroy(name);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (ProcFs.system().isAlive(pid) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(ProcFs.system().isAlive(pid)).as("%s: QEMU %d gone after destroy", file, pid).isFalse();
                started++;
            } catch (VmmException e) {
                failed.add(file + ": " + e.getMessage());
            } finally {
                hv.undefine(name);
            }
        }
        System.out.printf("real-world corpus: %d of %d files started (%d cannot run here)%n",
                started, files.size(), CANNOT_RUN_HERE.size());
        failed.forEach(p -> System.out.println("  " + p));
        assertThat(failed).isEmpty();
        assertThat(host.qemuPids()).isEmpty();
    }

    private static final Pattern DISK = Pattern.compile("<disk\\b.*?</disk>", Pattern.DOTALL);
    private static final Pattern NIC = Pattern.compile("<interface\\b.*?</interface>", Pattern.DOTALL);
    private static final Pattern SOURCE_FILE = Pattern.compile("<source\\s+file=(['\"])[^'\"]*\\1");

    /** The definition with only what this host cannot give swapped (see the class comment). */
    static String runnableHere(String xml, TinyGuest guest, String file) {
        // <numatune> binds to host NUMA nodes this host may not have
        xml = xml.replaceAll("(?s)\\s*<numatune>.*?</numatune>", "");
        xml = xml.replaceFirst("(<domain\\b[^>]*?\\btype=)(['\"])kvm\\2", "$1$2qemu$2")
                .replaceAll("(<cpu\\b[^>]*?\\bmode=)(['\"])host-passthrough\\2", "$1$2maximum$2");
        StringBuilder out = new StringBuilder();
        Matcher m = DISK.matcher(xml);
        int n = 0;
        while (m.find()) {
            String disk = m.group();
            if (disk.matches("(?s).*device=['\"]cdrom['\"].*")) {
                disk = disk.replaceAll("\\s*<source\\b[^>]*/>", "");
            } else {
                Path image = guest.newDisk(file.replace('.', '-') + "-" + n++);
                disk = SOURCE_FILE.matcher(disk).replaceFirst("<source file='" + image + "'")
                        .replaceAll("type=(['\"])raw\\1", "type='qcow2'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(disk));
        }
        m.appendTail(out);
        xml = out.toString();
        out = new StringBuilder();
        m = NIC.matcher(xml);
        while (m.find()) {
            String nic = m.group().replaceFirst("^<interface\\s+type=(['\"])(network|bridge)\\1", "<interface type='user'")
                    .replaceAll("\\s*<source\\s+(network|bridge)=[^>]*/>", "")
                    .replaceAll("\\s*<target\\s+dev=[^>]*/>", "");
            m.appendReplacement(out, Matcher.quoteReplacement(nic));
        }
        m.appendTail(out);
        String boot = "<kernel>" + guest.kernel() + "</kernel><initrd>" + guest.initrd() + "</initrd><cmdline>"
                + TinyGuest.CMDLINE + "</cmdline>";
        return out.toString().replaceAll("\\s*<(kernel|initrd|cmdline)>[^<]*</\\1>", "")
                .replaceFirst("(<type\\b[^>]*>hvm</type>)", "$1" + Matcher.quoteReplacement(boot));
    }
}
