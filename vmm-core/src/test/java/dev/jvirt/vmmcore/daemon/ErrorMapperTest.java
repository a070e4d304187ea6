package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.vmmcore.AcceleratorUnavailableException;
import dev.jvirt.vmmcore.DomainBusyException;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.InvalidStateException;
import dev.jvirt.vmmcore.NoSuchDomainException;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.daemon.http.AccessPolicy;
import dev.jvirt.vmmcore.daemon.http.ApiException;
import dev.jvirt.vmmcore.daemon.http.ErrorMapper;
import dev.jvirt.vmmcore.daemon.http.Peer;
import java.util.EnumSet;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    @Test
    void hypervisorFailuresGetTheCodesOfTheContract() {
        assertCode(new NoSuchDomainException("x"), 404, "no-such-domain");
        assertCode(new DomainBusyException("x", "destroy", "start"), 409, "domain-busy");
        assertCode(new InvalidStateException("x", "resume", DomainStatus.SHUTOFF,
                EnumSet.of(dev.jvirt.vmmcore.DomainState.PAUSED)), 409, "invalid-state");
        assertCode(new AcceleratorUnavailableException("x", "no vmx"), 422, "kvm-unusable");
        assertCode(new StartFailedException("x", "QEMU exited", null), 500, "start-failed");
        assertCode(new CompletionException(new NoSuchDomainException("x")), 404, "no-such-domain");
        assertCode(new IllegalStateException("bug"), 500, "internal");
        assertCode(new dev.jvirt.vmmcore.GuestAgentException(dev.jvirt.vmmcore.GuestAgentException.Kind.UNAVAILABLE,
                "the guest agent of domain 'x' does not answer", null), 503, "agent-unavailable");
        assertCode(new dev.jvirt.vmmcore.GuestAgentException(dev.jvirt.vmmcore.GuestAgentException.Kind.REFUSED,
                "no such program", null), 502, "agent-error");
        assertCode(new dev.jvirt.vmmcore.GuestAgentException(dev.jvirt.vmmcore.GuestAgentException.Kind.TIMEOUT,
                "did not exit", null), 504, "operation-timeout");
        assertCode(new dev.jvirt.vmmcore.QemuMonitorException("x", "CommandNotFound", "no such command", null),
                400, "qemu-error");
    }

    @Test
    void qemuErrorsCarryQmpClassAndDesc() {
        String body = ErrorMapper.body(ErrorMapper.map(
                new dev.jvirt.vmmcore.QemuMonitorException("web1", "CommandNotFound", "The command x has not been found", null)))
                .toString();
        assertThat(body).contains("\"code\":\"qemu-error\"").contains("\"class\":\"CommandNotFound\"")
                .contains("\"desc\":\"The command x has not been found\"");
    }

    @Test
    void errorBodyHasCodeMessageAndHint() {
        String body = ErrorMapper.body(ErrorMapper.map(new NoSuchDomainException("web1"))).toString();
        assertThat(body).isEqualTo("{\"error\":{\"code\":\"no-such-domain\",\"message\":\"domain 'web1' not found\","
                + "\"hint\":\"jvirsh list --all shows the defined domains\"}}");
    }

    @Test
    void sessionDaemonRefusesOtherUsers() {
        AccessPolicy.onlyUser(1000).check(new Peer(1000, 1000, 5));
        AccessPolicy.anyone().check(new Peer(0, 0, 5));
        try {
            AccessPolicy.onlyUser(1000).check(new Peer(0, 0, 5));
            throw new AssertionError("root was let into a user's session daemon");
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo("access-denied");
            assertThat(e.status().code()).isEqualTo(403);
        }
    }

    private static void assertCode(Throwable t, int status, String code) {
        ApiException e = ErrorMapper.map(t);
        assertThat(e.status().code()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
    }
}
