package dev.jvirt.storage.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.pool.StoragePool;
import dev.jvirt.storage.InvalidStorageRequestException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argument lists the backends run: mount, mkfs, blkid, LVM. */
class ArgvTest {
    private static StoragePool netfs(String host) {
        return PoolXml.load("<pool type='netfs'><name>n</name><source><host name='" + host + "'/><dir path='/export/vm'/>"
                + "<format type='nfs'/></source><target><path>/srv/n</path></target></pool>", null);
    }

    @Test
    void netfsMountsHostColonDirWithSafeOptions() {
        assertThat(NetfsBackend.mountArgv(netfs("nfs.example.org")))
                .containsExactly("mount", "-t", "nfs", "-o", "nodev,nosuid,noexec", "nfs.example.org:/export/vm", "/srv/n");
        assertThat(NetfsBackend.mountArgv(netfs("[fd00::1]"))).contains("[fd00::1]:/export/vm");
        assertThat(Mounts.umountArgv(Path.of("/srv/n"))).containsExactly("umount", "/srv/n");
    }

    @Test
    void aNetfsHostThatCouldReadAsAnOptionIsRefused() {
        assertThatThrownBy(() -> NetfsBackend.mountArgv(netfs("-oremount"))).isInstanceOf(InvalidStorageRequestException.class)
                .hasMessageContaining("not a host name");
        assertThatThrownBy(() -> NetfsBackend.mountArgv(netfs("a b"))).isInstanceOf(InvalidStorageRequestException.class);
    }

    @Test
    void fsMountAndMkfs() {
        assertThat(Mounts.mountArgv("ext4", "/dev/sdb1", Path.of("/srv/d")))
                .containsExactly("mount", "-t", "ext4", "-o", "nodev,nosuid,noexec", "/dev/sdb1", "/srv/d");
        assertThat(Mounts.mountArgv("auto", "/dev/sdb1", Path.of("/srv/d"))).doesNotContain("-t");
        assertThat(FsBackend.mkfsArgv("ext4", "/dev/sdb1")).containsExactly("mkfs", "-t", "ext4", "-F", "-q", "/dev/sdb1");
        assertThat(FsBackend.mkfsArgv("xfs", "/dev/sdb1")).containsExactly("mkfs", "-t", "xfs", "-f", "/dev/sdb1");
        assertThat(FsBackend.mkfsArgv("vfat", "/dev/sdb1")).containsExactly("mkfs", "-t", "vfat", "/dev/sdb1");
        assertThatThrownBy(() -> FsBackend.mkfsArgv("auto", "/dev/sdb1")).hasMessageContaining("format type='ext4'");
        assertThat(FsBackend.probeArgv("/dev/sdb1")).containsExactly("blkid", "-p", "-o", "value", "-s", "TYPE", "/dev/sdb1");
    }

    @Test
    void lvm() {
        assertThat(Lvm.lvcreateArgv("vg", "a", 1048576, null)).containsExactly("lvcreate", "-y", "-Wy", "-Zy", "-n", "a", "-L", "1048576b", "vg");
        assertThat(Lvm.lvcreateArgv("vg", "a", 1048576, "tp"))
                .containsExactly("lvcreate", "-y", "-n", "a", "-V", "1048576b", "--thinpool", "tp", "vg");
        assertThat(Lvm.snapshotArgv("vg", "c", "base")).containsExactly("lvcreate", "-y", "-s", "-kn", "-n", "c", "vg/base");
        assertThat(Lvm.lvresizeArgv("vg", "a", 2048)).containsExactly("lvresize", "-y", "-f", "-L", "2048b", "vg/a");
        assertThat(Lvm.lvremoveArgv("vg", "a")).containsExactly("lvremove", "-y", "-f", "vg/a");
        assertThat(Lvm.vgsArgv("vg")).containsSequence("--reportformat", "json").endsWith("vg");
    }

    @Test
    void lvsReportIsRead() {
        String json = "{\"report\":[{\"lv\":[{\"lv_name\":\"tp\",\"lv_size\":\"62914560\",\"lv_attr\":\"twi-aotz--\",\"pool_lv\":\"\","
                + "\"origin\":\"\",\"data_percent\":\"1.50\"},{\"lv_name\":\"[tp_tdata]\",\"lv_size\":\"62914560\",\"lv_attr\":\"Twi-ao----\","
                + "\"pool_lv\":\"\",\"origin\":\"\",\"data_percent\":\"\"},{\"lv_name\":\"thin1\",\"lv_size\":\"104857600\","
                + "\"lv_attr\":\"Vwi-a-tz--\",\"pool_lv\":\"tp\",\"origin\":\"\",\"data_percent\":\"0.90\"}]}]}";
        var lvs = Lvm.report(json, "lv");
        assertThat(lvs).hasSize(3);
        assertThat(lvs.get(2).path("lv_size").asLong()).isEqualTo(104857600);
    }

    @Test
    void mountPointsFromMountinfo() {
        String text = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
                + "40 22 7:0 / /srv/my\\040pool rw,nosuid,nodev,noexec - ext4 /dev/loop0 rw\n";
        assertThat(Mounts.mountPoints(text)).isEqualTo(List.of("/", "/srv/my pool"));
    }
}
