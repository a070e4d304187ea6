package dev.jvirt.console.hub;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor that delivers output to listeners: daemon threads, made on demand, idle ones end. */
final class DeliveryThreads {

    private static final Executor SHARED = create();

    private DeliveryThreads() {
    }

    static Executor shared() {
        return SHARED;
    }

    private static Executor create() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "console-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
