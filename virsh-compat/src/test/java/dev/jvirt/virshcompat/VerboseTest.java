package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code jvirsh --verbose}: every call to jvirtd's API on stderr, the output unchanged. */
class VerboseTest {

    private final FakeJvirtd fake = new FakeJvirtd().json("GET", "/1.0/domains", "[]")
            .noSuchDomain("GET", "/1.0/domains/nosuch");

    VerboseTest() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void showsEachCallWithItsStatus() {
        JvirshRun r = JvirshRun.of("--verbose", "-c", fake.uri(), "list", "--name");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("\n"); // no domain: virsh's blank line only
        assertThat(r.err()).matches("(?s)jvirsh: GET /1\\.0/domains on " + fake.socket() + "\n"
                + "jvirsh: -> 200 OK \\([0-9.]+ ms\\)\n");
    }

    @Test
    void showsFailedCallsBeforeTheError() {
        JvirshRun r = JvirshRun.of("--verbose", "-c", fake.uri(), "dominfo", "nosuch");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("jvirsh: GET /1.0/domains/nosuch on ", "jvirsh: -> 404 ")
                .contains("error: failed to get domain 'nosuch'");
    }

    @Test
    void quietWithoutIt() {
        JvirshRun r = JvirshRun.of("-c", fake.uri(), "list", "--name");
        assertThat(r.err()).isEmpty();
    }
}
