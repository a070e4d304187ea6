package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.api.ApiError;
import dev.jvirt.api.Requests;
import dev.jvirt.api.Shape;
import dev.jvirt.api.Storage;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * jvirtd's storage answers are the shapes of {@code dev.jvirt.api.Storage} (docs/api.md,
 * "Storage"), field for field, with real qemu-img behind them; and the refusals are the error
 * codes the page lists.
 */
class StorageApiContractIT {

    @Test
    void everyStorageAnswerIsItsSharedShape() throws Exception {
        try (DaemonFixture fixture = new DaemonFixture()) {
            fixture.start();
            UnixHttpClient api = fixture.client();
            String target = fixture.root.resolve("pool-c").toString();
            String xml = "<pool type='dir'><name>c</name><target><path>" + target + "</path></target></pool>";

            same(api.post("/1.0/storage-pools", new Storage.PoolXml(xml).toJson()), Storage.Pool::from, 201);
            same(api.post("/1.0/storage-pools/c/build", new Storage.Build("normal").toJson()), Storage.Pool::from, 200);
            same(api.post("/1.0/storage-pools/c/start", null), Storage.Pool::from, 200);
            same(api.put("/1.0/storage-pools/c/autostart", new Requests.Autostart(true).toJson()), Requests.Autostart::from, 200);
            sameList(api.get("/1.0/storage-pools"), Storage.Pool::from);
            same(api.get("/1.0/storage-pools/c"), Storage.Pool::from, 200);
            assertThat(api.get("/1.0/storage-pools/c/xml").text()).contains("<name>c</name>");

            same(api.post("/1.0/storage-pools/c/volumes", new Storage.CreateVolume(null, "base.qcow2", "8M", "qcow2", null, null, null)
                    .toJson()), Storage.Volume::from, 201);
            same(api.post("/1.0/storage-pools/c/volumes", new Storage.CreateVolume(null, "top.qcow2", null, "qcow2", null,
                    "base.qcow2", "qcow2").toJson()), Storage.Volume::from, 201);
            Storage.Volume top = Storage.Volume.from(JsonObject.parse(api.get("/1.0/storage-pools/c/volumes/top.qcow2").body()));
            assertThat(top.backingPath()).isEqualTo(target + "/base.qcow2");
            assertThat(top.capacity()).isEqualTo(8L << 20);
            sameList(api.get("/1.0/storage-pools/c/volumes"), Storage.Volume::from);
            same(api.get("/1.0/storage-volumes?key=" + target + "/top.qcow2"), Storage.Volume::from, 200);
            same(api.post("/1.0/storage-pools/c/volumes/top.qcow2/resize", new Storage.Resize("16M", false, false).toJson()),
                    Storage.Volume::from, 200);
            Response clone = api.post("/1.0/storage-pools/c/volumes/base.qcow2/clone", new Storage.Clone("copy.qcow2", null, null, null).toJson());
            same(clone, Storage.Job::from, 202);
            long id = Storage.Job.from(JsonObject.parse(clone.body())).id();
            Storage.Job j;
            long deadline = System.nanoTime() + 120_000_000_000L;
            do {
                Response r = api.get("/1.0/storage-jobs/" + id);
                same(r, Storage.Job::from, 200);
                j = Storage.Job.from(JsonObject.parse(r.body()));
                Thread.sleep(50);
            } while (!j.finished() && System.nanoTime() < deadline);
            assertThat(j.state()).isEqualTo("succeeded");
            same(api.post("/1.0/storage-pools/c/volumes/copy.qcow2/wipe", new Storage.Wipe("trim").toJson()), Storage.Job::from, 202);

            same(api.get("/1.0/storage-pools/nosuch"), ApiError::from, 404);
            assertThat(ApiError.parse(api.get("/1.0/storage-pools/nosuch").body()).code()).isEqualTo("no-such-pool");
            assertThat(ApiError.parse(api.get("/1.0/storage-pools/c/volumes/nosuch").body()).code()).isEqualTo("no-such-volume");
            Response escape = api.post("/1.0/storage-pools/c/volumes", new Storage.CreateVolume(null, "../x", "1M", "raw", null, null, null).toJson());
            assertThat(escape.status()).isEqualTo(400);
            assertThat(ApiError.parse(escape.body()).code()).isEqualTo("bad-request");
            Response upload = api.post("/1.0/storage-pools/c/volumes/top.qcow2/upload?length=1", null);
            assertThat(upload.status()).as("an upload is a stream: refused without the upgrade").isEqualTo(400);
            for (String v : List.of("top.qcow2", "copy.qcow2", "base.qcow2")) {
                waitFree(api, v);
                same(api.delete("/1.0/storage-pools/c/volumes/" + v), Storage.Deleted::from, 200);
            }
            same(api.post("/1.0/storage-pools/c/destroy", null), Storage.Pool::from, 200);
        }
    }

    private static void waitFree(UnixHttpClient api, String v) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            Storage.Volume vol = Storage.Volume.from(JsonObject.parse(api.get("/1.0/storage-pools/c/volumes/" + v).body()));
            if (vol.holder() == null) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void same(Response r, Function<JsonObject, ? extends Shape> reader, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        Object sent = Json.parse(r.body());
        assertThat(normal(reader.apply(JsonObject.of(sent)).toJson())).as(r.toString()).isEqualTo(normal(sent));
    }

    private static void sameList(Response r, Function<JsonObject, ? extends Shape> reader) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Object> sent = JsonObject.list(Json.parse(r.body()));
        assertThat(sent).isNotEmpty();
        List<Object> back = new ArrayList<>();
        for (Object o : sent) {
            back.add(reader.apply(JsonObject.of(o)).toJson());
        }
        assertThat(normal(back)).as(r.toString()).isEqualTo(normal(sent));
    }

    @SuppressWarnings("unchecked")
    private static Object normal(Object v) {
        if (v instanceof Map) {
            Map<String, Object> sorted = new TreeMap<>();
            ((Map<String, Object>) v).forEach((k, x) -> sorted.put(k, normal(x)));
            return sorted;
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<Object>) v).forEach(o -> out.add(normal(o)));
            return out;
        }
        return v instanceof Integer i ? Long.valueOf(i) : v;
    }
}
