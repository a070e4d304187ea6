package dev.jvirt.storage.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.storage.BackingImage;
import dev.jvirt.storage.Preallocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** qemu-img's argument lists and the reading of its JSON. */
class QemuImgTest {
    private final QemuImg q = new QemuImg(new Commands(), "qemu-img");

    @Test
    void argv() {
        assertThat(q.createArgv(Path.of("/p/a"), "qcow2", 1024, Preallocation.METADATA, null, null))
                .containsExactly("qemu-img", "create", "-q", "-f", "qcow2", "-o", "preallocation=metadata", "/p/a", "1024");
        assertThat(q.createArgv(Path.of("/p/c"), "qcow2", 1024, Preallocation.OFF, Path.of("/p/b"), "raw"))
                .containsExactly("qemu-img", "create", "-q", "-f", "qcow2", "-b", "/p/b", "-F", "raw", "/p/c", "1024");
        assertThat(q.convertArgv(Path.of("/a"), "qcow2", Path.of("/dev/vg/b"), "raw", true))
                .containsExactly("qemu-img", "convert", "-p", "-f", "qcow2", "-O", "raw", "-n", "/a", "/dev/vg/b");
        assertThat(q.resizeArgv(Path.of("/a"), "qcow2", 5, true)).containsExactly("qemu-img", "resize", "-q", "-f", "qcow2", "--shrink", "/a", "5");
        assertThat(q.infoArgv(Path.of("/a"), null)).containsExactly("qemu-img", "info", "--output=json", "--backing-chain", "-U", "/a");
        assertThatThrownBy(() -> q.infoArgv(Path.of("-o"), null)).hasMessageContaining("absolute paths only");
    }

    @Test
    void infoWithABackingChain() {
        String json = "[{\"virtual-size\":10485760,\"filename\":\"/p/o\",\"format\":\"qcow2\",\"actual-size\":200704,"
                + "\"full-backing-filename\":\"/p/b\",\"backing-filename\":\"b\",\"backing-filename-format\":\"qcow2\"},"
                + "{\"virtual-size\":10485760,\"filename\":\"/p/b\",\"format\":\"qcow2\",\"actual-size\":4096,"
                + "\"full-backing-filename\":\"/p/r\",\"backing-filename\":\"/p/r\"},"
                + "{\"virtual-size\":10485760,\"filename\":\"/p/r\",\"format\":\"raw\",\"actual-size\":0}]";
        ImageInfo i = ImageInfo.parse(json, "o");
        assertThat(i.format()).isEqualTo("qcow2");
        assertThat(i.virtualSize()).isEqualTo(10485760);
        assertThat(i.actualSize()).isEqualTo(200704);
        assertThat(i.backingChain()).containsExactly(new BackingImage("/p/b", "qcow2"), new BackingImage("/p/r", "raw"));
        assertThat(ImageInfo.parse("{\"virtual-size\":5,\"format\":\"raw\",\"actual-size\":0}", "x").backingChain()).isEmpty();
        assertThatThrownBy(() -> ImageInfo.parse("[]", "x")).hasMessageContaining("reported nothing on x");
    }
}
