package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.client.Env;
import dev.jvirt.vmmcore.daemon.JvirtdMain;
import java.io.PrintWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The AsciiDoc ManPageWriter hands to asciidoctor: picocli's page with jvirt's header. */
class ManPageWriterTest {

    private static CommandLine jvirsh() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Jvirsh.newCommandLine(new Jvirsh(Env.system(), null, none, none, null, null));
    }

    @Test
    void jvirshPageListsEveryCommandOfHelpAndNoHiddenOne() {
        String page = ManPageWriter.page(jvirsh().getCommandSpec(), "1", "9.9");
        assertThat(page).contains("= jvirsh(1)\n", ":mansource: jvirt 9.9\n", ":manmanual: jvirt Manual\n",
                "\njvirsh - Manage QEMU/KVM guests through jvirtd, the way virsh does through libvirtd\n", "--verbose");
        for (String name : CommandRegistry.NAMES) {
            boolean hidden = name.startsWith("__");
            assertThat(page.contains("[*" + name + "*]::")).as(name).isEqualTo(!hidden);
        }
        assertThat(page).contains("[*help*]::");
    }

    @Test
    void jvirtdPageIsSectionEightFromItsOwnModel() {
        String page = ManPageWriter.page(JvirtdMain.commandLine().getCommandSpec(), "8", "9.9");
        assertThat(page).contains("= jvirtd(8)\n", "*--state-dir*=_DIR_", "jvirtd - The jvirt daemon")
                .doesNotContain("(1)\n");
    }

    @Test
    void aCommandPageNamesItsParent() {
        CommandLine list = jvirsh().getSubcommands().get("list");
        assertThat(ManPageWriter.page(list.getCommandSpec(), "1", "9.9"))
                .contains("= jvirsh-list(1)\n", "jvirsh-list - List domains", ":revnumber: 9.9\n");
    }
}
