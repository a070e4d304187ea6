package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostSetupTest {

    @Test
    void rollbackUndoesNewestFirstAndGoesOnPastAFailingUndo() {
        List<String> undone = new ArrayList<>();
        HostSetup setup = new HostSetup();
        setup.done("dir", () -> undone.add("dir"));
        setup.done("file", () -> {
            throw new IllegalStateException("cannot");
        });
        setup.done("process", () -> undone.add("process"));

        setup.rollback();

        assertThat(undone).containsExactly("process", "dir");
        setup.rollback();
        assertThat(undone).hasSize(2);
    }

    @Test
    void afterCommitNothingIsUndone() {
        List<String> undone = new ArrayList<>();
        HostSetup setup = new HostSetup();
        setup.done("dir", () -> undone.add("dir"));
        setup.commit();
        setup.rollback();
        assertThat(undone).isEmpty();
    }
}
