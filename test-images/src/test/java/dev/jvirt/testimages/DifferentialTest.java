package dev.jvirt.testimages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DifferentialTest {

    @Test
    void talliesFactsAndListsTheDifferences() {
        Differential d = new Differential("test differential");
        assertThat(d.fact("a.xml", "memory", 1024, 1024)).isTrue();
        assertThat(d.fact("a.xml", "vcpus", 2, 1)).isFalse();
        d.check("b.xml", "controller pci 0", true, "unused");
        d.facts("c.xml", Map.of("machine", "q35", "cpu", "max"), Map.of("machine", "q35", "smp", "1"));
        d.difference("d.xml", "libvirt refused it: no");
        assertThat(d.agree()).isEqualTo(3);
        assertThat(d.differ()).isEqualTo(4);
        assertThat(d.subjects()).isEqualTo(4);
        assertThat(d.subjectsDiffering()).isEqualTo(3);
        assertThat(d.differences()).containsExactly("a.xml: vcpus: jvirt 2, libvirt 1",
                "c.xml: cpu: \n      jvirt   max\n      libvirt null",
                "c.xml: smp: \n      jvirt   null\n      libvirt 1",
                "d.xml: libvirt refused it: no");
        assertThat(d.report()).startsWith("test differential: 3 agree, 4 differ (4 subjects, 3 with a difference)\n"
                + "  a.xml: vcpus: jvirt 2, libvirt 1\n");
    }

    @Test
    void comparesTranscriptsCommandByCommand() {
        String libvirtd = "$ virsh list\n Id   Name\nexit 0\n$ virsh start a\nDomain 'a' started\nexit 0\n";
        String jvirtd = "$ virsh list\n Id   Name\nexit 0\n$ virsh start a\nerror: no\nexit 1\n$ virsh extra\nexit 0\n";
        Differential d = new Differential("t");
        d.transcripts("lifecycle", jvirtd, libvirtd);
        assertThat(d.agree()).isEqualTo(1);
        assertThat(d.differ()).isEqualTo(2);
        assertThat(d.differences().get(0)).startsWith("lifecycle: #2 $ virsh start a: \n    jvirtd:\n      $ virsh start a\n"
                + "      error: no\n      exit 1\n    libvirtd:\n      $ virsh start a\n      Domain 'a' started\n      exit 0");
        assertThat(d.differences().get(1)).startsWith("lifecycle: #3 $ virsh extra:").contains("libvirtd:\n      (nothing)");
        Differential same = new Differential("t");
        same.transcripts("lifecycle", libvirtd, libvirtd);
        assertThat(same.differ()).isZero();
        assertThat(same.agree()).isEqualTo(2);
    }

    @Test
    void splitsDomxmlToNativeLines() {
        assertThat(Differential.splitShell("LC_ALL=C HOME=/x /usr/bin/qemu-system-x86_64 -name 'guest=a b' -S 'it'\\''s'"))
                .containsExactly("/usr/bin/qemu-system-x86_64", "-name", "guest=a b", "-S", "it's");
    }
}
