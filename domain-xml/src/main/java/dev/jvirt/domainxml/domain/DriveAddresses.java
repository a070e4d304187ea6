package dev.jvirt.domainxml.domain;

/** libvirt's drive addresses for IDE, SATA, SCSI and floppy disks, from the target name's index. */
final class DriveAddresses {
    private DriveAddresses() {}

    /** {@code sda} → 0, {@code hdc} → 2, {@code sdaa} → 26; -1 when the name has no index. */
    static int index(String dev) {
        if (dev == null) {
            return -1;
        }
        String suffix = dev.length() >= 2 ? dev.substring(dev.startsWith("xvd") ? 3 : 2) : "";
        if (suffix.isEmpty()) {
            return -1;
        }
        int idx = 0;
        for (int k = 0; k < suffix.length(); k++) {
            char c = suffix.charAt(k);
            if (c < 'a' || c > 'z') {
                return -1;
            }
            idx = (k == 0 ? 0 : (idx + 1) * 26) + (c - 'a');
            if (idx > 100_000) {
                return -1;
            }
        }
        return idx;
    }

    static Address.Drive forTarget(String dev, String bus) {
        int idx = index(dev);
        if (idx < 0 || bus == null) {
            return null;
        }
        switch (bus) {
            case "ide":
                return new Address.Drive(idx / 4, (idx % 4) / 2, 0, idx % 2);
            case "sata":
                return new Address.Drive(idx / 6, 0, 0, idx % 6);
            case "scsi":
                return new Address.Drive(idx / 7, 0, 0, idx % 7);
            case "fdc":
                return new Address.Drive(0, 0, 0, idx);
            default:
                return null;
        }
    }
}
