package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad usage: the messages virsh 9.0 prints (each verified against virsh), exit status 1, nothing on stdout. */
class UsageErrorsTest {

    @Test
    void unknownOption() {
        JvirshRun r = JvirshRun.of("list", "--bogus");
        assertThat(r.err()).isEqualTo("error: command 'list' doesn't support option --bogus\n");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingDomain() {
        JvirshRun r = JvirshRun.of("dominfo");
        assertThat(r.err()).isEqualTo("error: command 'dominfo' requires <domain> option\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void extraArgument() {
        assertThat(JvirshRun.of("dominfo", "a", "b").err()).isEqualTo("error: unexpected data 'b'\n");
    }

    @Test
    void unknownCommand() {
        JvirshRun r = JvirshRun.of("frobnicate");
        assertThat(r.err()).isEqualTo("error: unknown command: 'frobnicate'\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void tableExcludesNameAndUuid() {
        assertThat(JvirshRun.of("-c", "vmm:///session?socket=/nonexistent", "list", "--all", "--table", "--name").err())
                .isEqualTo("error: Options --table and --name are mutually exclusive\n");
        assertThat(JvirshRun.of("-c", "vmm:///session?socket=/nonexistent", "list", "--all", "--table", "--uuid").err())
                .isEqualTo("error: Options --table and --uuid are mutually exclusive\n");
    }

    @Test
    void everyCommandHasHelpWithADescription() {
        for (String name : CommandRegistry.NAMES) {
            if (name.startsWith("__")) {
                continue;
            }
            JvirshRun r = JvirshRun.of(name, "--help");
            assertThat(r.status()).as(name).isZero();
            assertThat(r.out()).as(name).startsWith("Usage: jvirsh " + name).contains("-h, --help");
            assertThat(r.out().lines().count()).as(name).isGreaterThan(3);
        }
    }

    @Test
    void rootHelpListsTheCommandsButNotTheHiddenOnes() {
        JvirshRun r = JvirshRun.of("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Commands:", "  list", "  dominfo", "  host-validate", "vmm:///session")
                .doesNotContain("__complete-domains");
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        JvirshRun r = JvirshRun.of("help", "list");
        assertThat(r.out()).startsWith("Usage: jvirsh list");
    }
}
