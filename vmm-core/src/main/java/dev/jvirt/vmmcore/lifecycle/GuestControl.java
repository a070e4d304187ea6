package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.qmpclient.QmpStatus;
import dev.jvirt.vmmcore.GuestControlException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The QMP commands the lifecycle sends, waited for with a bound, failures as {@link GuestControlException}. */
public final class GuestControl {
    private static final long TIMEOUT_SECONDS = 30;

    private GuestControl() {
    }

    public static void cont(RunningGuest g, String domain) {
        await(g.qmp().commands().cont(), "resume", domain);
    }

    public static void stop(RunningGuest g, String domain) {
        await(g.qmp().commands().stop(), "pause", domain);
    }

    public static void powerdown(RunningGuest g, String domain) {
        await(g.qmp().commands().systemPowerdown(), "send the ACPI power button to", domain);
    }

    public static void reset(RunningGuest g, String domain) {
        await(g.qmp().commands().systemReset(), "reset", domain);
    }

    public static QmpStatus status(RunningGuest g, String domain) {
        return await(g.qmp().commands().queryStatus(), "query the status of", domain);
    }

    /** Asks QEMU to exit; a lost connection is the expected answer. */
    public static void quit(RunningGuest g) {
        g.qmp().commands().quit().exceptionally(e -> null);
    }

    /**
     * QEMU's own reactions, so that jvirt decides what a guest poweroff, reboot or panic means:
     * poweroff and panic pause the guest and report; a reboot resets, or with
     * {@code on_reboot='destroy'} becomes a poweroff.
     */
    public static void takeOverActions(RunningGuest g, Domain def) {
        ObjectNode args = JsonNodeFactory.instance.objectNode()
                .put("shutdown", "pause")
                .put("reboot", "destroy".equals(def.onReboot()) ? "shutdown" : "reset")
                .put("panic", "pause");
        await(g.qmp().execute("set-action", args), "set the shutdown actions of", def.name());
    }

    private static <T> T await(CompletableFuture<T> f, String what, String domain) {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new GuestControlException("cannot " + what + " domain '" + domain + "': " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new GuestControlException("cannot " + what + " domain '" + domain + "': QEMU did not answer within "
                    + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted while trying to " + what + " domain '" + domain + "'", e);
        }
    }
}
