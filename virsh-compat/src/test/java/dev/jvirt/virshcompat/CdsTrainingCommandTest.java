package dev.jvirt.virshcompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build's CDS training run must succeed silently without any daemon (it runs at package time). */
class CdsTrainingCommandTest {

    @Test
    void runsWithoutADaemonAndPrintsNothing() {
        JvirshRun r = JvirshRun.of("__cds-training");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
    }
}
