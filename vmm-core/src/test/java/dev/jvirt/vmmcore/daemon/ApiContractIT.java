package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.ApiError;
import dev.jvirt.api.Domains;
import dev.jvirt.api.Host;
import dev.jvirt.api.Requests;
import dev.jvirt.api.Saves;
import dev.jvirt.api.Snapshots;
import dev.jvirt.api.Networks;
import dev.jvirt.api.Shape;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract between jvirtd and its clients: every answer jvirtd gives, read with the wire
 * shapes jvirsh reads it with (dev.jvirt.api) and written again, is what jvirtd sent, field for
 * field, value for value; and the request bodies jvirsh writes are the ones jvirtd takes. A field
 * the server adds, drops, renames or retypes without the shared shape fails here (and
 * ShapeContractTest holds the shapes to docs/api.md).
 */
@ExtendWith(TinyGuestExtension.class)
class ApiContractIT {

    @Test
    void everyAnswerIsItsSharedShape(TinyGuest guest) throws Exception {
        try (DaemonFixture fixture = new DaemonFixture()) {
            fixture.start();
            UnixHttpClient api = fixture.client();
            String xml = DaemonFixture.tinyXml(guest, "contract").replace("</devices>",
                    "<interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/></interface></devices>");

            same(api.get("/1.0"), Host.ServerInfo::from, 200);
            same(api.get("/1.0/host/nodeinfo"), Host.NodeInfo::from, 200);
            same(api.post("/1.0/domains", new Requests.Define(xml, false).toJson()), Domains.Ref::from, 201);
            try (UnixHttpClient.Stream events = api.stream("/1.0/events?domain=contract")) {
                sameList(api.get("/1.0/domains"), Domains.Summary::from);
                same(api.get("/1.0/domains/contract"), Domains.Info::from, 200);
                same(api.get("/1.0/domains/contract/state"), Domains.StateReason::from, 200);
                sameList(api.get("/1.0/domains/contract/blockdevices"), Domains.BlockDevice::from);
                sameList(api.get("/1.0/domains/contract/interfaces"), Domains.Interface::from);
                same(api.put("/1.0/domains/contract/autostart", new Requests.Autostart(true).toJson()),
                        Requests.Autostart::from, 200);
                // the domain has no emulated TPM: refused, as an error of the shared shape
                same(api.put("/1.0/domains/contract/tpm-state", new Requests.TpmState(java.util.Map.of("tpm2-00.permall", "AAEC"))
                        .toJson()), ApiError::from, 409);
                same(api.post("/1.0/domxml-to-native", new Requests.ToNative(xml, "qemu-argv").toJson()),
                        Domains.Argv::from, 200);

                same(api.post("/1.0/domains/contract/start", new Requests.Start(false).toJson()), Domains.StateReason::from, 200);
                Domains.Info running = Domains.Info.from(JsonObject.parse(api.get("/1.0/domains/contract").body()));
                assertThat(running.id()).isNotNull();
                assertThat(running.pid()).isNotNull();
                same(api.get("/1.0/domains/contract"), Domains.Info::from, 200);
                sameList(api.get("/1.0/domains"), Domains.Summary::from);
                same(api.post("/1.0/domains/contract/snapshots", new Snapshots.Create(null, "c1", "contract", false, false,
                        java.util.Map.of()).toJson()), Snapshots.Info::from, 200);
                sameList(api.get("/1.0/domains/contract/snapshots"), Snapshots.Info::from);
                same(api.get("/1.0/domains/contract/snapshot-current"), Snapshots.Current::from, 200);
                same(api.get("/1.0/domains/contract/job?completed=true"), Saves.Job::from, 200);
                same(api.get("/1.0/domains/contract/managed-save"), Saves.ManagedSave::from, 200);
                same(api.get("/1.0/domains/contract/snapshots/nosuch"), ApiError::from, 400);
                assertThat(api.delete("/1.0/domains/contract/snapshots/c1?metadata=true").status()).isEqualTo(200);
                same(api.get("/1.0/domains/contract/vcpus/count"), dev.jvirt.api.Tuning.VcpuCount::from, 200);
                same(api.get("/1.0/domains/contract/vcpus"), dev.jvirt.api.Tuning.Vcpus::from, 200);
                same(api.get("/1.0/domains/contract/description"), dev.jvirt.api.Tuning.Text::from, 200);
                same(api.post("/1.0/domains/contract/destroy", new Requests.Destroy(false).toJson()),
                        Domains.StateReason::from, 200);

                Object started = Json.parse(events.next(30).toString());
                assertThat(JsonObject.of(started).string("event")).isEqualTo("started");
                assertThat(normal(Domains.Event.from(JsonObject.of(started)).toJson())).isEqualTo(normal(started));
            }
            String net = "<network><name>contract-net</name><bridge name='jvbrcontract'/>"
                    + "<ip address='10.79.0.1' netmask='255.255.255.0'/></network>";
            same(api.post("/1.0/networks", new Networks.Define(net).toJson()), Networks.Summary::from, 201);
            sameList(api.get("/1.0/networks"), Networks.Summary::from);
            same(api.get("/1.0/networks/contract-net"), Networks.Summary::from, 200);
            same(api.put("/1.0/networks/contract-net/autostart", new Requests.Autostart(true).toJson()),
                    Requests.Autostart::from, 200);
            same(api.get("/1.0/networks/nosuch"), ApiError::from, 404);
            assertThat(api.delete("/1.0/networks/contract-net").status()).isEqualTo(200);
            same(api.get("/1.0/domains/nosuch"), ApiError::from, 404);
            same(api.post("/1.0/domains", "{\"xml\":\"<domain\"}"), ApiError::from, 400);
            assertThat(api.delete("/1.0/domains/contract").status()).isEqualTo(200);
        }
    }

    /** The answer has {@code status}, and read with {@code reader} then written again it is what the server sent. */
    private static void same(Response r, Function<JsonObject, ? extends Shape> reader, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        Object sent = Json.parse(r.body());
        assertThat(normal(reader.apply(JsonObject.of(sent)).toJson())).as(r.toString()).isEqualTo(normal(sent));
    }

    private static void sameList(Response r, Function<JsonObject, ? extends Shape> reader) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Object> sent = JsonObject.list(Json.parse(r.body()));
        assertThat(sent).as("a list with something in it to compare: " + r).isNotEmpty();
        List<Object> back = new ArrayList<>();
        for (Object o : sent) {
            back.add(reader.apply(JsonObject.of(o)).toJson());
        }
        assertThat(normal(back)).as(r.toString()).isEqualTo(normal(sent));
    }

    /** Field order aside, and every integer as a Long (the shapes hold longs, the reader gives the smallest type). */
    @SuppressWarnings("unchecked")
    private static Object normal(Object v) {
        if (v instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                sorted.put(e.getKey(), normal(e.getValue()));
            }
            return sorted;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) v) {
                out.add(normal(o));
            }
            return out;
        }
        if (v instanceof Integer) {
            return ((Integer) v).longValue();
        }
        return v;
    }
}
