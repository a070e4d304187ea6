package dev.jvirt.domainxml.pool;

import dev.jvirt.domainxml.InvalidDefinitionException;
import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.Violation;
import dev.jvirt.domainxml.ViolationKind;
import dev.jvirt.domainxml.Violations;
import dev.jvirt.domainxml.xml.PermissionsCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Semantic checks of a {@link StoragePool}: type, name, target path, source per type, permissions. */
public final class PoolValidator {
    private static final Set<String> TYPES = Set.of("dir", "fs", "netfs", "logical");
    private static final Set<String> FS_FORMATS = Set.of("auto", "ext2", "ext3", "ext4", "xfs", "btrfs", "vfat");

    private PoolValidator() {}

    /** All violations (positions unknown). */
    public static List<Violation> validate(StoragePool p) {
        Violations v = new Violations();
        if (v.required(p.type(), "/pool", "attribute 'type' (dir, fs, netfs or logical)")) {
            v.oneOf(p.type(), TYPES, "/pool", "pool type");
        }
        v.name(p.name(), "/pool/name", "pool");
        v.uuid(p.uuid(), "/pool/uuid");
        if (!"logical".equals(p.type()) && v.required(p.targetPath(), "/pool/target/path", "target path")) {
            v.absolute(p.targetPath(), "/pool/target/path", "target path");
        }
        StoragePool.Source s = p.source();
        if ("fs".equals(p.type())) {
            if (s == null || s.devices().size() != 1) {
                v.add(ViolationKind.MISSING, "/pool/source", "an fs pool needs exactly one <device path='...'/>");
            }
            if (s != null) {
                v.oneOf(s.format(), FS_FORMATS, "/pool/source/format", "filesystem format");
            }
        }
        if ("netfs".equals(p.type())) {
            if (s == null || s.host() == null || s.dir() == null) {
                v.add(ViolationKind.MISSING, "/pool/source", "a netfs pool needs <host name='...'/> and <dir path='...'/>");
            }
            if (s != null) {
                v.oneOf(s.format(), Set.of("auto", "nfs"), "/pool/source/format", "network filesystem format");
            }
        }
        if (s != null && s.host() != null && !"netfs".equals(p.type())) {
            v.add(ViolationKind.INCONSISTENT, "/pool/source/host", "only a netfs pool has a <host>");
        }
        if ("logical".equals(p.type())) {
            if (s == null || s.name() == null && s.devices().isEmpty()) {
                v.add(ViolationKind.MISSING, "/pool/source", "a logical pool needs a volume group <name> or <device> elements");
            }
            if (s != null) {
                v.oneOf(s.format(), Set.of("lvm2", "auto"), "/pool/source/format", "logical pool format");
            }
        }
        if (s != null) {
            for (int i = 0; i < s.devices().size(); i++) {
                String dp = Violations.indexed("/pool/source", "device", i, s.devices().size());
                if (v.required(s.devices().get(i), dp, "device path")) {
                    v.absolute(s.devices().get(i), dp, "device path");
                }
            }
            v.absolute(s.dir(), "/pool/source/dir", "source dir");
        }
        PermissionsCodec.check(p.targetPermissions(), "/pool/target/permissions", v);
        return v.list();
    }

    /** All violations, placed at their line:column in the source. */
    public static List<Violation> validate(Parsed<StoragePool> p) {
        List<Violation> out = new ArrayList<>();
        for (Violation x : validate(p.definition())) {
            out.add(p.locate(x));
        }
        return out;
    }

    /** Throws {@link InvalidDefinitionException} if there are violations. */
    public static void requireValid(Parsed<StoragePool> p) {
        List<Violation> vs = validate(p);
        if (!vs.isEmpty()) {
            throw new InvalidDefinitionException(p.sourceName(), vs);
        }
    }
}
