package dev.jvirt.virshcompat.cds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The build's CDS training: every command of it succeeds, and a run in which one fails is reported as failed. */
class CdsTrainingTest {

    @Test
    void everyTrainingCommandDoesWhatItShould() throws Exception {
        assertThat(CdsTraining.runInProcess(daemon -> { })).isEmpty();
    }

    @Test
    void aTrainingRunInWhichACommandFailsFails() throws Exception {
        assertThat(CdsTraining.runInProcess(daemon -> daemon.forget("GET", "/1.0/domains/web1")))
                .anyMatch(p -> p.contains("Name:"))
                .anyMatch(p -> p.startsWith("stderr is"))
                .anyMatch(p -> p.contains("GET /1.0/domains/web1"));
    }
}
