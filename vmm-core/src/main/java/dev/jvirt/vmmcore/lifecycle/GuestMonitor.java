package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.qmpclient.QmpCommandException;
import dev.jvirt.qmpclient.QmpConnectionLostException;
import dev.jvirt.qmpclient.QmpEvent;
import dev.jvirt.qmpclient.QmpEventListener;
import dev.jvirt.qmpclient.QmpSubscription;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.QemuEvent;
import dev.jvirt.vmmcore.QemuMonitorException;
import dev.jvirt.vmmcore.Subscription;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Monitor passthrough on a running guest's QMP connection (virsh's qemu-monitor-command and
 * qemu-monitor-event): the command goes out on the connection jvirt already holds, so QEMU never
 * sees a second monitor client.
 */
public final class GuestMonitor {
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private GuestMonitor() {
    }

    /**
     * Runs one QMP command given as text ({@code {"execute":"query-status","arguments":{…}}}) and
     * returns QEMU's {@code return} value.
     *
     * @return QEMU's {@code return} as JSON text
     * @throws InvalidArgumentException when the text is not a QMP command object
     * @throws QemuMonitorException     when QEMU answers with an error
     */
    public static String execute(RunningGuest guest, String domain, String commandJson) {
        JsonNode command;
        try {
            command = Json.MAPPER.readTree(commandJson);
        } catch (JsonProcessingException e) {
            throw new InvalidArgumentException("the monitor command is not JSON: " + e.getOriginalMessage());
        }
        if (command == null || !command.isObject() || !command.path("execute").isTextual()) {
            throw new InvalidArgumentException("the monitor command must be a JSON object with \"execute\", "
                    + "e.g. {\"execute\":\"query-status\"}");
        }
        String name = command.get("execute").asText();
        if (name.equals("qmp_capabilities")) {
            throw new InvalidArgumentException("qmp_capabilities was negotiated by jvirtd already");
        }
        JsonNode args = command.path("arguments");
        if (!args.isMissingNode() && !args.isObject()) {
            throw new InvalidArgumentException("\"arguments\" must be a JSON object");
        }
        ObjectNode argObject = args.isObject() ? (ObjectNode) args : null;
        return text(await(domain, name, () -> argObject == null
                ? guest.qmp().execute(name).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                : guest.qmp().execute(name, argObject).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
    }

    /** Runs one QMP command jvirt itself needs (a query) and returns QEMU's {@code return}. */
    static JsonNode call(RunningGuest guest, String domain, String command, ObjectNode arguments) {
        return await(domain, command, () -> arguments == null
                ? guest.qmp().execute(command).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                : guest.qmp().execute(command, arguments).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Runs one human-monitor (HMP) command line and returns its text output. */
    public static String hmp(RunningGuest guest, String domain, String commandLine) {
        return await(domain, "human-monitor-command", () -> guest.qmp().commands().humanMonitorCommand(commandLine)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Passes every QMP event of the guest to {@code listener} as QEMU sent it; {@code onEnd} runs
     * once when the connection goes (the guest stopped).
     */
    public static Subscription subscribe(RunningGuest guest, Consumer<QemuEvent> listener, Runnable onEnd) {
        QmpSubscription s = guest.qmp().subscribe(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent event) {
                listener.accept(new QemuEvent(event.name(),
                        event.data().isMissingNode() ? null : text(event.data()), event.timestamp()));
            }

            @Override
            public void onConnectionLost(QmpConnectionLostException cause) {
                onEnd.run();
            }
        });
        return s::close;
    }

    private static String text(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write QEMU's answer as JSON", e);
        }
    }

    private interface Call<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T await(String domain, String command, Call<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QmpCommandException q) {
                throw new QemuMonitorException(domain, q.errorClass(), q.description(), q);
            }
            throw new GuestControlException(command + " on domain '" + domain + "' failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new GuestControlException("QEMU of domain '" + domain + "' did not answer " + command + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted while waiting for " + command + " on domain '" + domain + "'", e);
        }
    }
}
