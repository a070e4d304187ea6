package dev.jvirt.vmmcore.qemu.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Debian 12's three OVMF descriptors, in their file-name order, and what each request gets. */
class FirmwareSelectionTest {

    private static final List<FirmwareDescriptor.Target> Q35_AND_PC = List.of(
            new FirmwareDescriptor.Target("x86_64", List.of("pc-i440fx-*", "pc-q35-*")));
    private static final List<FirmwareDescriptor> DEBIAN = List.of(
            new FirmwareDescriptor("40-edk2-x86_64-secure-enrolled.json", List.of("uefi"), "flash", "/usr/share/OVMF/OVMF_CODE_4M.ms.fd",
                    "/usr/share/OVMF/OVMF_VARS_4M.ms.fd", List.of(new FirmwareDescriptor.Target("x86_64", List.of("pc-q35-*"))),
                    Set.of("acpi-s3", "enrolled-keys", "requires-smm", "secure-boot")),
            new FirmwareDescriptor("50-edk2-x86_64-secure.json", List.of("uefi"), "flash", "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd",
                    "/usr/share/OVMF/OVMF_VARS_4M.fd", List.of(new FirmwareDescriptor.Target("x86_64", List.of("pc-q35-*"))),
                    Set.of("acpi-s3", "requires-smm", "secure-boot")),
            new FirmwareDescriptor("60-edk2-x86_64.json", List.of("uefi"), "flash", "/usr/share/OVMF/OVMF_CODE_4M.fd",
                    "/usr/share/OVMF/OVMF_VARS_4M.fd", Q35_AND_PC, Set.of("acpi-s3")));

    private static Domain efi(String machine, String features) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><memory>65536</memory><os firmware='efi'>"
                + "<type arch='x86_64' machine='" + machine + "'>hvm</type>" + features + "</os></domain>", "g.xml");
    }

    @Test
    void withoutFeaturesTheFirstFittingDescriptorWinsAsInLibvirt() {
        Domain d = FirmwareSelection.select(efi("q35", ""), "pc-q35-7.2", DEBIAN, Path.of("/var/lib/jvirt/qemu/nvram"));
        assertThat(d.os().loader().path()).isEqualTo("/usr/share/OVMF/OVMF_CODE_4M.ms.fd");
        assertThat(d.os().loader().secure()).isTrue();
        assertThat(d.os().nvram().path()).isEqualTo("/var/lib/jvirt/qemu/nvram/g_VARS.fd");
        assertThat(d.os().nvram().template()).isEqualTo("/usr/share/OVMF/OVMF_VARS_4M.ms.fd");
    }

    @Test
    void featuresSelectAndExclude() {
        Domain noSecureBoot = FirmwareSelection.select(efi("q35", "<firmware><feature enabled='no' name='secure-boot'/></firmware>"),
                "pc-q35-7.2", DEBIAN, Path.of("/n"));
        assertThat(noSecureBoot.os().loader().path()).isEqualTo("/usr/share/OVMF/OVMF_CODE_4M.fd");
        assertThat(noSecureBoot.os().loader().secure()).isNull();
        Domain notEnrolled = FirmwareSelection.select(efi("q35", "<firmware><feature enabled='yes' name='secure-boot'/>"
                + "<feature enabled='no' name='enrolled-keys'/></firmware>"), "pc-q35-7.2", DEBIAN, Path.of("/n"));
        assertThat(notEnrolled.os().loader().path()).isEqualTo("/usr/share/OVMF/OVMF_CODE_4M.secboot.fd");
        Domain pc = FirmwareSelection.select(efi("pc", ""), "pc-i440fx-7.2", DEBIAN, Path.of("/n"));
        assertThat(pc.os().loader().path()).isEqualTo("/usr/share/OVMF/OVMF_CODE_4M.fd");
    }

    @Test
    void noFittingFirmwareIsRefusedNamingTheElement() {
        assertThatThrownBy(() -> FirmwareSelection.select(efi("pc", "<firmware><feature enabled='yes' name='secure-boot'/></firmware>"),
                "pc-i440fx-7.2", DEBIAN, Path.of("/n")))
                .isInstanceOf(CommandLineException.class)
                .hasMessageContaining("<os firmware='efi'>").hasMessageContaining("with secure-boot");
    }
}
