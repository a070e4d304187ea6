package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuFlagsTest {

    @Test
    void readsFlagsOfEveryProcessor() {
        String cpuinfo = """
                processor\t: 0
                model name\t: Some CPU
                flags\t\t: fpu vme de pse hypervisor
                
                processor\t: 1
                flags\t\t: fpu vmx
                """;
        CpuFlags flags = CpuFlags.parse(cpuinfo);
        assertThat(flags.flags()).contains("fpu", "hypervisor", "vmx");
        assertThat(flags.hasVirtualization()).isTrue();
    }

    @Test
    void withoutVmxOrSvmThereIsNoHardwareVirtualization() {
        assertThat(CpuFlags.parse("flags : fpu sse2 hypervisor\nvmx flags : ept\n").hasVirtualization()).isFalse();
        assertThat(CpuFlags.parse("flags : svm\n").hasVirtualization()).isTrue();
    }
}
