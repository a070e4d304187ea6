package dev.jvirt.vmmcore;

import java.util.function.Consumer;

/** The QMP events of one running domain, checked and ready to subscribe to ({@link Hypervisor#qemuEvents}). */
@FunctionalInterface
public interface QemuEventSource {
    /** Passes each event to {@code listener}; {@code onEnd} runs once when the guest's monitor connection goes. */
    Subscription subscribe(Consumer<QemuEvent> listener, Runnable onEnd);
}
