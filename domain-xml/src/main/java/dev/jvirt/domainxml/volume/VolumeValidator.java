package dev.jvirt.domainxml.volume;

import dev.jvirt.domainxml.InvalidDefinitionException;
import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.Violation;
import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import dev.jvirt.domainxml.xml.PermissionsCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Semantic checks of a {@link StorageVolume}: name, capacity, format, backing store. */
public final class VolumeValidator {
    private static final Set<String> FORMATS = Set.of("raw", "qcow2", "qcow", "vmdk", "vdi", "vpc", "vhdx", "qed", "iso", "dir");

    private VolumeValidator() {}

    /** All violations (positions unknown). */
    public static List<Violation> validate(StorageVolume vol) {
        Violations v = new Violations();
        v.name(vol.name(), "/volume/name", "volume");
        v.oneOf(vol.type(), Set.of("file", "block", "dir"), "/volume", "volume type");
        if (vol.capacityBytes() < 0) {
            v.add(ViolationKind.MISSING, "/volume/capacity", "missing capacity");
        }
        if (vol.allocationBytes() != null && vol.capacityBytes() >= 0 && vol.allocationBytes() > vol.capacityBytes()
                && !"qcow2".equals(vol.format())) {
            v.add(ViolationKind.RANGE, "/volume/allocation", "allocation " + vol.allocationBytes()
                    + " is larger than capacity " + vol.capacityBytes());
        }
        if (vol.target() != null) {
            v.oneOf(vol.target().format(), FORMATS, "/volume/target/format", "volume format");
            v.absolute(vol.target().path(), "/volume/target/path", "target path");
            PermissionsCodec.check(vol.target().permissions(), "/volume/target/permissions", v);
            v.oneOf(vol.target().compat(), Set.of("0.10", "1.1"), "/volume/target/compat", "qcow2 compat level");
            if ((vol.target().compat() != null || vol.target().lazyRefcounts()) && !"qcow2".equals(vol.format())) {
                v.add(ViolationKind.INCONSISTENT, "/volume/target", "compat and lazy_refcounts apply only to qcow2");
            }
        }
        if (vol.backingStore() != null) {
            if (v.required(vol.backingStore().path(), "/volume/backingStore/path", "backing store path")) {
                v.absolute(vol.backingStore().path(), "/volume/backingStore/path", "backing store path");
            }
            v.oneOf(vol.backingStore().format(), FORMATS, "/volume/backingStore/format", "backing format");
            if (vol.format() != null && !"qcow2".equals(vol.format()) && !"qed".equals(vol.format())) {
                v.add(ViolationKind.INCONSISTENT, "/volume/backingStore", "a backing store needs a qcow2 or qed volume, not "
                        + vol.format());
            }
        }
        return v.list();
    }

    /** All violations, placed at their line:column in the source. */
    public static List<Violation> validate(Parsed<StorageVolume> p) {
        List<Violation> out = new ArrayList<>();
        for (Violation x : validate(p.definition())) {
            out.add(p.locate(x));
        }
        return out;
    }

    /** Throws {@link InvalidDefinitionException} if there are violations. */
    public static void requireValid(Parsed<StorageVolume> p) {
        List<Violation> vs = validate(p);
        if (!vs.isEmpty()) {
            throw new InvalidDefinitionException(p.sourceName(), vs);
        }
    }
}
