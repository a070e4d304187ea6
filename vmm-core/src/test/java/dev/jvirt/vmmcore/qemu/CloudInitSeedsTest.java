package dev.jvirt.vmmcore.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.domain.NestedLxd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed as genisoimage writes it: volume id cidata, the three files, rewritten and removed. */
class CloudInitSeedsTest {
    @TempDir
    Path dir;

    private Domain domain(String attrs) {
        return DomainXml.load("<domain type='qemu'><name>seedy</name><uuid>4f0c5a3e-2b1d-4c6e-9a7f-000000001799</uuid>"
                + "<memory unit='MiB'>64</memory><os><type arch='x86_64' machine='pc'>hvm</type></os><metadata>"
                + "<jvirt:nested-lxd xmlns:jvirt='" + NestedLxd.NAMESPACE + "' " + attrs + "/></metadata></domain>", "seedy.xml");
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
        return out;
    }

    @Test
    void anIsoWithVolumeIdCidataAndTheSeedFiles() throws Exception {
        Path image = Files.writeString(dir.resolve("img.tar.gz"), "not really an image");
        Domain d = domain("image='" + image + "'");
        CloudInitSeeds seeds = new CloudInitSeeds(dir.resolve("state"));
        Path iso = seeds.write(d, NestedLxd.of(d).orElseThrow());
        assertThat(iso).isEqualTo(dir.resolve("state/seedy/cidata.iso"));
        assertThat(run("isoinfo", "-d", "-i", iso.toString())).contains("Volume id: cidata");
        assertThat(run("isoinfo", "-f", "-R", "-i", iso.toString()).lines().toList())
                .containsExactlyInAnyOrder("/lxd-image.tar.gz", "/meta-data", "/user-data");
        String userData = run("isoinfo", "-R", "-x", "/user-data", "-i", iso.toString());
        assertThat(userData).startsWith("#cloud-config\n").contains("lxd init --preseed");
        assertThat(run("isoinfo", "-R", "-x", "/meta-data", "-i", iso.toString()))
                .startsWith("instance-id: jvirt-4f0c5a3e-2b1d-4c6e-9a7f-000000001799-").endsWith("local-hostname: seedy\n");
        // a second start rewrites it in place; undefine removes it with its directory
        seeds.write(d, NestedLxd.of(d).orElseThrow());
        try (var files = Files.list(dir.resolve("state/seedy"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("cidata.iso"));
        }
        seeds.remove("seedy");
        assertThat(dir.resolve("state/seedy")).doesNotExist();
    }

    @Test
    void theInstanceIdFollowsTheOption() {
        Domain a = domain("nesting='true'");
        Domain b = domain("nesting='false'");
        String idA = CloudInitSeeds.content(a, NestedLxd.of(a).orElseThrow()).metaData();
        String idB = CloudInitSeeds.content(b, NestedLxd.of(b).orElseThrow()).metaData();
        assertThat(idA).isNotEqualTo(idB);
        assertThat(CloudInitSeeds.content(a, NestedLxd.of(a).orElseThrow()).metaData()).isEqualTo(idA);
    }

    @Test
    void aMissingImageIsAClearError() {
        Domain d = domain("image='" + dir.resolve("nope.tar.gz") + "'");
        assertThatThrownBy(() -> new CloudInitSeeds(dir).write(d, NestedLxd.of(d).orElseThrow()))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot read the nested-lxd image");
    }
}
