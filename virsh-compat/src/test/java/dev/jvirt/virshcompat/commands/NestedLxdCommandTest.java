package dev.jvirt.virshcompat.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jvirsh nested-lxd's edit of the definition: the option added, replaced, removed; other metadata kept. */
class NestedLxdCommandTest {

    @Test
    void enableAddsTheOptionInItsNamespace() throws Exception {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("subnet", "10.9.0.1/24");
        String out = NestedLxdCommand.edit("<domain type='qemu'><name>a</name><memory>1024</memory></domain>", attrs);
        assertThat(out).contains("<metadata><jvirt:nested-lxd xmlns:jvirt=\"https://jvirt.dev/xmlns/nested-lxd/1\" subnet=\"10.9.0.1/24\"/></metadata>")
                .startsWith("<domain type=\"qemu\"><name>a</name><metadata>");
    }

    @Test
    void enableReplacesTheOptionAndKeepsOtherMetadata() throws Exception {
        String xml = "<domain type='qemu'><name>a</name><metadata><app:x xmlns:app='urn:app'/>"
                + "<j:nested-lxd xmlns:j='https://jvirt.dev/xmlns/nested-lxd/1' nesting='false'/></metadata></domain>";
        String out = NestedLxdCommand.edit(xml, Map.of("storage", "btrfs"));
        assertThat(out).contains("<app:x xmlns:app=\"urn:app\"/>").contains("storage=\"btrfs\"").doesNotContain("nesting");
    }

    @Test
    void disableRemovesItAndAnEmptyMetadata() throws Exception {
        String xml = "<domain type='qemu'><name>a</name><metadata>"
                + "<jvirt:nested-lxd xmlns:jvirt='https://jvirt.dev/xmlns/nested-lxd/1'/></metadata></domain>";
        assertThat(NestedLxdCommand.edit(xml, null)).isEqualTo("<domain type=\"qemu\"><name>a</name></domain>");
    }
}
