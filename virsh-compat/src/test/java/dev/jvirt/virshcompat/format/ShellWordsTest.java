package dev.jvirt.virshcompat.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void quotesOnlyWhatAShellWouldSplitOrExpand() {
        assertThat(ShellWords.join(List.of("/usr/bin/qemu-system-x86_64", "-name", "guest=web1,debug-threads=on",
                "-device", "{\"driver\":\"virtio-blk-pci\"}", "it's", "")))
                .isEqualTo("/usr/bin/qemu-system-x86_64 -name guest=web1,debug-threads=on -device "
                        + "'{\"driver\":\"virtio-blk-pci\"}' 'it'\\''s' ''");
    }
}
