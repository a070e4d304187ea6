package dev.jvirt.vmmcore.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jvirt.vmmcore.DomainBusyException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationLockTest {

    @Test
    void aSecondOperationGetsBusyNamingTheFirst() throws Exception {
        OperationLock lock = new OperationLock("vm1");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try (OperationLock.Held h = lock.acquire(Operation.START, Duration.ZERO)) {
                held.countDown();
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await(5, TimeUnit.SECONDS);

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> lock.acquire(Operation.DESTROY, Duration.ofMillis(100)))
                .isInstanceOfSatisfying(DomainBusyException.class, e -> {
                    assertThat(e.domain()).isEqualTo("vm1");
                    assertThat(e.operationInProgress()).isEqualTo("start");
                })
                .hasMessage("domain 'vm1' is busy: start is in progress; destroy was not attempted, "
                        + "retry when it has finished");
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(90));

        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        try (OperationLock.Held h = lock.acquire(Operation.DESTROY, Duration.ZERO)) {
            assertThat(lock.isHeldByCurrentThread()).isTrue();
        }
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void aWaiterGetsTheLockWhenItIsReleasedWithinTheBound() throws Exception {
        OperationLock lock = new OperationLock("vm1");
        OperationLock.Held h = lock.acquire(Operation.SUSPEND, Duration.ZERO);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (OperationLock.Held h2 = lock.acquire(Operation.RESUME, Duration.ofSeconds(5))) {
                return true;
            }
        });
        Thread.sleep(50);
        h.close();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
    }
}
