package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <os>}: firmware and boot.
 *
 * @param firmware {@code firmware='efi|bios'} attribute, or null
 * @param type guest type, normally {@code hvm}
 * @param arch {@code type/@arch}, e.g. {@code x86_64}, or null
 * @param machine {@code type/@machine}, e.g. {@code q35} or {@code pc-i440fx-7.2}, or null
 * @param loader {@code <loader>}, or null
 * @param nvram {@code <nvram>}, or null
 * @param kernel direct kernel boot image path, or null
 * @param initrd initrd path, or null
 * @param cmdline kernel command line, or null
 * @param bootDevices {@code <boot dev>} values in order: hd, cdrom, network, fd
 * @param bootMenu {@code <bootmenu>}, or null
 * @param bios {@code <bios useserial rebootTimeout>}, or null
 * @param smbiosMode {@code <smbios mode>}, or null
 * @param firmwareFeatures {@code <firmware><feature enabled name/></firmware>}: what the
 *     automatically chosen firmware must (not) have, e.g. secure-boot, enrolled-keys
 */
public record Os(
        String firmware,
        String type,
        String arch,
        String machine,
        Loader loader,
        Nvram nvram,
        String kernel,
        String initrd,
        String cmdline,
        List<String> bootDevices,
        BootMenu bootMenu,
        Bios bios,
        String smbiosMode,
        List<FirmwareFeature> firmwareFeatures) {

    /** Normalises the lists. */
    public Os {
        bootDevices = bootDevices == null ? List.of() : List.copyOf(bootDevices);
        firmwareFeatures = firmwareFeatures == null ? List.of() : List.copyOf(firmwareFeatures);
    }

    /** A copy with another machine type (a running guest's: the alias resolved, {@code pc} → {@code pc-i440fx-7.2}). */
    public Os withMachine(String m) {
        return new Os(firmware, type, arch, m, loader, nvram, kernel, initrd, cmdline, bootDevices, bootMenu, bios,
                smbiosMode, firmwareFeatures);
    }

    /** {@code <feature enabled='yes' name='secure-boot'/>} inside {@code <firmware>}. */
    public record FirmwareFeature(Boolean enabled, String name) {}

    /** {@code <loader readonly='yes' secure='no' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>}. */
    public record Loader(Boolean readonly, Boolean secure, String type, String path) {}

    /** {@code <nvram template='...'>/var/lib/.../VARS.fd</nvram>}; path may be null. */
    public record Nvram(String template, String path) {}

    /** {@code <bootmenu enable='yes' timeout='3000'/>}. */
    public record BootMenu(Boolean enable, Integer timeout) {}

    /** {@code <bios useserial='yes' rebootTimeout='0'/>}. */
    public record Bios(Boolean useserial, Integer rebootTimeout) {}
}
