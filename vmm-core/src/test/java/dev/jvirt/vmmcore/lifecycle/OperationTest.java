package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.InvalidStateException;
import dev.jvirt.vmmcore.StateReason;
import org.junit.jupiter.api.Test;

class OperationTest {

    @Test
    void eachOperationAcceptsOnlyItsStates() {
        assertThat(Operation.START.accepted()).containsExactly(DomainState.SHUTOFF);
        assertThat(Operation.SUSPEND.accepted()).containsExactly(DomainState.RUNNING);
        assertThat(Operation.RESUME.accepted()).containsExactly(DomainState.PAUSED);
        assertThat(Operation.SHUTDOWN.accepted()).containsExactly(DomainState.RUNNING);
        assertThat(Operation.REBOOT.accepted()).containsExactly(DomainState.RUNNING);
        assertThat(Operation.DESTROY.accepted())
                .containsExactlyInAnyOrder(DomainState.RUNNING, DomainState.PAUSED, DomainState.CRASHED);
        assertThat(Operation.RESET.accepts(DomainState.SHUTOFF)).isFalse();
        for (DomainState s : DomainState.values()) {
            assertThat(Operation.DEFINE.accepts(s)).isTrue();
            assertThat(Operation.UNDEFINE.accepts(s)).isTrue();
        }
    }

    @Test
    void aWrongStateIsATypedErrorThatSaysWhatIsNeeded() {
        DomainStatus destroyed = DomainStatus.of(DomainState.SHUTOFF, StateReason.DESTROYED);
        assertThatThrownBy(() -> Operation.SUSPEND.check("vm1", destroyed))
                .isInstanceOfSatisfying(InvalidStateException.class, e -> {
                    assertThat(e.domain()).isEqualTo("vm1");
                    assertThat(e.operation()).isEqualTo("suspend");
                    assertThat(e.status()).isEqualTo(destroyed);
                })
                .hasMessage("cannot suspend domain 'vm1': it is shut off (destroyed); it must be running");
        assertThatThrownBy(() -> Operation.DESTROY.check("vm1", destroyed))
                .hasMessageEndingWith("it must be crashed or paused or running");
    }

    @Test
    void aRightStatePasses() {
        Operation.START.check("vm1", DomainStatus.SHUTOFF);
        Operation.RESUME.check("vm1", DomainStatus.of(DomainState.PAUSED, StateReason.USER));
    }
}
