package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** jvirsh without a command: virsh's interactive shell. */
class JvirshShellTest {

    private final FakeJvirtd fake = new FakeJvirtd();

    JvirshShellTest() throws Exception {
        fake.json("GET", "/1.0/domains", "[{\"id\":1,\"name\":\"web1\",\"uuid\":\"u\",\"state\":\"running\","
                + "\"reason\":\"booted\",\"persistent\":true,\"autostart\":false}]");
        fake.noSuchDomain("GET", "/1.0/domains/nosuch");
        fake.noSuchDomain("GET", "/1.0/domains/my%20vm");
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void runsCommandsLineByLineUntilQuit() {
        JvirshRun r = JvirshRun.withInput("list --name\n\ndominfo nosuch\nquit\nlist\n", "-c", fake.uri());
        assertThat(r.out()).startsWith("Welcome to jvirsh, the virtualization interactive terminal.\n\n"
                + "Type:  'help' for help with commands\n       'quit' to quit\n\n");
        // As virsh with piped input: each line echoed after the prompt, virsh's blank line after each command.
        assertThat(r.out()).contains("jvirsh # list --name\nweb1\n\njvirsh # \njvirsh # dominfo nosuch\n\njvirsh # quit\n\n");
        assertThat(r.err()).contains("error: failed to get domain 'nosuch'");
        assertThat(r.out()).endsWith("jvirsh # quit\n\n"); // nothing ran after quit
        assertThat(r.status()).isZero();
    }

    @Test
    void endOfInputEndsTheShellAndQuotesGroupWords() {
        JvirshRun r = JvirshRun.withInput("dominfo 'my vm'\n", "-q", "-c", fake.uri());
        assertThat(r.err()).contains("error: failed to get domain 'my vm'");
        assertThat(r.out()).doesNotContain("Welcome");
    }
}
