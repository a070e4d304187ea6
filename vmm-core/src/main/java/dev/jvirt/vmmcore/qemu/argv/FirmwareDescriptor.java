package dev.jvirt.vmmcore.qemu.argv;

import java.util.List;
import java.util.Set;

/**
 * One of QEMU's firmware descriptors ({@code /usr/share/qemu/firmware/*.json}, docs/interop/firmware.json)
 * as far as choosing a UEFI firmware needs it.
 *
 * @param file           the descriptor's file name (descriptors are tried in file-name order)
 * @param interfaceTypes e.g. {@code uefi}, {@code bios}
 * @param device         {@code flash}, {@code memory}, {@code kernel}
 * @param executable     the code file
 * @param nvramTemplate  the variables template, or null
 * @param targets        architecture and machine-type globs
 * @param features       e.g. {@code secure-boot}, {@code enrolled-keys}, {@code requires-smm}
 */
public record FirmwareDescriptor(String file, List<String> interfaceTypes, String device, String executable,
        String nvramTemplate, List<Target> targets, Set<String> features) {

    public FirmwareDescriptor {
        interfaceTypes = List.copyOf(interfaceTypes);
        targets = List.copyOf(targets);
        features = Set.copyOf(features);
    }

    /** An architecture and the machine types (globs such as {@code pc-q35-*}) the firmware runs on. */
    public record Target(String architecture, List<String> machines) {
        public Target {
            machines = List.copyOf(machines);
        }
    }
}
