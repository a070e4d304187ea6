package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.qmpclient.QmpConnectionLostException;
import dev.jvirt.qmpclient.QmpEvent;
import dev.jvirt.qmpclient.QmpEventListener;
import dev.jvirt.qmpclient.QmpSubscription;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.OperationTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * vCPU hotplug as libvirt's QEMU driver does it (setvcpus --live): QEMU's
 * {@code query-hotpluggable-cpus} names the slots, each empty one is filled in topology order
 * with {@code device_add} of its CPU type and properties (id {@code vcpuN}); going down, the
 * hot-plugged ones are unplugged newest first with {@code device_del}, each awaited as
 * {@code DEVICE_DELETED} (the guest has to let go). The vCPUs QEMU started with stay.
 */
final class VcpuHotplug {
    private static final String PERIPHERAL = "/machine/peripheral/";

    private VcpuHotplug() {
    }

    /** Brings the running guest from {@code current} to {@code target} vCPUs. */
    static void resize(String name, RunningGuest g, int current, int target, Duration unplugWait) {
        List<JsonNode> slots = new ArrayList<>();
        GuestMonitor.call(g, name, "query-hotpluggable-cpus", null).forEach(slots::add);
        slots.sort(Comparator.comparingLong((JsonNode s) -> prop(s, "socket-id")).thenComparingLong(s -> prop(s, "die-id"))
                .thenComparingLong(s -> prop(s, "core-id")).thenComparingLong(s -> prop(s, "thread-id")));
        if (target > current) {
            int added = 0;
            for (int i = 0; i < slots.size() && added < target - current; i++) {
                JsonNode s = slots.get(i);
                if (s.hasNonNull("qom-path")) {
                    continue;
                }
                ObjectNode args = JsonNodeFactory.instance.objectNode();
                args.put("driver", s.path("type").asText());
                args.put("id", "vcpu" + i);
                s.path("props").fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("node-id")) {
                        args.set(f.getKey(), f.getValue());
                    }
                });
                GuestMonitor.call(g, name, "device_add", args);
                added++;
            }
            if (added < target - current) {
                throw new InvalidArgumentException("failed to find appropriate hotpluggable vcpus to reach the desired "
                        + "target vcpu count"); // libvirt's words
            }
            return;
        }
        List<String> plugged = new ArrayList<>();
        for (int i = slots.size() - 1; i >= 0; i--) {
            String path = slots.get(i).path("qom-path").asText("");
            if (path.startsWith(PERIPHERAL + "vcpu")) {
                plugged.add(path.substring(PERIPHERAL.length()));
            }
        }
        if (plugged.size() < current - target) {
            throw new InvalidArgumentException("only hot-plugged vCPUs can be unplugged: domain '" + name + "' has "
                    + plugged.size() + " of them and started with " + (current - plugged.size()));
        }
        unplug(name, g, plugged.subList(0, current - target), unplugWait);
    }

    private static void unplug(String name, RunningGuest g, List<String> ids, Duration wait) {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(ids);
        CompletableFuture<Void> gone = new CompletableFuture<>();
        QmpSubscription sub = g.qmp().subscribe(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent event) {
                if (event.name().equals("DEVICE_DELETED") && pending.remove(event.data().path("device").asText())
                        && pending.isEmpty()) {
                    gone.complete(null);
                }
            }

            @Override
            public void onConnectionLost(QmpConnectionLostException cause) {
                gone.completeExceptionally(cause);
            }
        });
        try {
            for (String id : ids) {
                GuestMonitor.call(g, name, "device_del", JsonNodeFactory.instance.objectNode().put("id", id));
            }
            // QEMU 7.2 does not always send DEVICE_DELETED for a vCPU the guest ejected: what it runs is watched too
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                try {
                    gone.get(250, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException poll) {
                    if (stillThere(name, g, ids).isEmpty()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new OperationTimeoutException(name, "vcpu unplug request timed out: the guest of domain '"
                                + name + "' did not release " + stillThere(name, g, ids) + " within " + wait.toSeconds()
                                + " s (the request stands; vcpucount shows when it has)");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted while the guest of domain '" + name + "' released vCPUs", e);
        } catch (ExecutionException e) {
            throw new GuestControlException("QEMU of domain '" + name + "' went away while vCPUs were unplugged", e);
        } finally {
            sub.close();
        }
    }

    /** Which of {@code ids} QEMU still runs as vCPUs. */
    private static List<String> stillThere(String name, RunningGuest g, List<String> ids) {
        List<String> there = new ArrayList<>();
        for (JsonNode c : GuestMonitor.call(g, name, "query-cpus-fast", null)) {
            String path = c.path("qom-path").asText("");
            for (String id : ids) {
                if (path.equals(PERIPHERAL + id)) {
                    there.add(id);
                }
            }
        }
        return there;
    }

    private static long prop(JsonNode slot, String key) {
        return slot.path("props").path(key).asLong(0);
    }
}
