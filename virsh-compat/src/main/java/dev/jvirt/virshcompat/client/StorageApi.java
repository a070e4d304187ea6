package dev.jvirt.virshcompat.client;

import dev.jvirt.api.Requests;
import dev.jvirt.api.Storage;
import dev.jvirt.api.http.HttpResponse;
import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * jvirtd's storage endpoints (docs/api.md, "Storage") as calls, in the shapes of
 * {@code dev.jvirt.api.Storage}; uploads and downloads speak the volume stream frames.
 */
public final class StorageApi {
    /** Told of a transfer's progress. */
    @FunctionalInterface
    public interface Progress {
        void at(long done, long total);
    }

    private static final int CHUNK = 1 << 20;
    private final ApiTransport http;

    StorageApi(ApiTransport http) {
        this.http = http;
    }

    public List<Storage.Pool> pools() {
        return Storage.Pool.list(http.get("/1.0/storage-pools"));
    }

    public Storage.Pool pool(String name) {
        return Storage.Pool.from(http.getObject(pool0(name)));
    }

    public Storage.Pool define(String xml) {
        return Storage.Pool.from(http.send("POST", "/1.0/storage-pools", new Storage.PoolXml(xml).toJson()));
    }

    public Storage.Pool create(String xml) {
        return Storage.Pool.from(http.send("POST", "/1.0/storage-pools/create", new Storage.PoolXml(xml).toJson()));
    }

    /** build, start, destroy, delete, refresh. */
    public void poolAction(String name, String action, Map<String, Object> body) {
        http.send("POST", pool0(name) + "/" + action, body == null ? Map.of() : body);
    }

    public void undefine(String name) {
        http.send("DELETE", pool0(name), null);
    }

    public void autostart(String name, boolean on) {
        http.send("PUT", pool0(name) + "/autostart", new Requests.Autostart(on).toJson());
    }

    public String poolXml(String name) {
        return http.getText(pool0(name) + "/xml");
    }

    public List<Storage.Volume> volumes(String pool) {
        return Storage.Volume.list(http.get(pool0(pool) + "/volumes"));
    }

    public Storage.Volume volume(String pool, String name) {
        return Storage.Volume.from(http.getObject(vol0(pool, name)));
    }

    /** The volume whose key (its path) this is, in any running pool. */
    public Storage.Volume byKey(String key) {
        return Storage.Volume.from(http.getObject("/1.0/storage-volumes?key=" + ApiClient.encode(key)));
    }

    public Storage.Volume createVolume(String pool, Storage.CreateVolume req) {
        return Storage.Volume.from(http.send("POST", pool0(pool) + "/volumes", req.toJson()));
    }

    public String volumeXml(String pool, String name) {
        return http.getText(vol0(pool, name) + "/xml");
    }

    public Storage.Deleted deleteVolume(String pool, String name, boolean force) {
        return Storage.Deleted.from(http.send("DELETE", vol0(pool, name) + (force ? "?force=true" : ""), null));
    }

    public Storage.Volume resize(String pool, String name, Storage.Resize req) {
        return Storage.Volume.from(http.send("POST", vol0(pool, name) + "/resize", req.toJson()));
    }

    public Storage.Job cloneVolume(String pool, String name, Storage.Clone req) {
        return Storage.Job.from(http.send("POST", vol0(pool, name) + "/clone", req.toJson()));
    }

    public Storage.Job wipe(String pool, String name, String algorithm) {
        return Storage.Job.from(http.send("POST", vol0(pool, name) + "/wipe", new Storage.Wipe(algorithm).toJson()));
    }

    public Storage.Job job(long id) {
        return Storage.Job.from(http.getObject("/1.0/storage-jobs/" + id));
    }

    /** Polls the job until it ends; a failed one throws its error. */
    public Storage.Job await(Storage.Job job, Progress progress) {
        Storage.Job j = job;
        long sleep = 20;
        while (!j.finished()) {
            progress.at(j.bytesDone(), j.bytesTotal());
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JvirshException("interrupted while " + j.kind() + " job " + j.id() + " runs (it goes on in jvirtd)", e);
            }
            sleep = Math.min(500, sleep * 2);
            j = job(j.id());
        }
        progress.at(j.bytesDone(), j.bytesTotal());
        if (!"succeeded".equals(j.state())) {
            throw new JvirshException(j.error() == null ? j.kind() + " " + j.state() : j.error());
        }
        return j;
    }

    /**
     * Streams {@code length} bytes of {@code file} from {@code offset} into the volume; all-zero
     * chunks go as holes. Answers the job as jvirtd ended it; a broken connection is an error
     * that says the volume may be left incomplete.
     */
    public Storage.Job upload(String pool, String name, Path file, long offset, long length, Progress progress)
            throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long len = length >= 0 ? Math.min(length, Math.max(0, size - offset)) : Math.max(0, size - offset);
            HttpResponse r = http.open("POST", vol0(pool, name) + "/upload?length=" + len,
                    Map.of("Connection", "Upgrade", "Upgrade", "jvirt-volume-upload"), null);
            try (r) {
                if (r.status() != 101) {
                    throw new JvirshException("jvirtd answered HTTP " + r.status() + " to an upload, not 101");
                }
                OutputStream out = r.output();
                byte[] buf = new byte[CHUNK];
                ByteBuffer bb = ByteBuffer.wrap(buf);
                byte[] header = new byte[9];
                long pos = 0;
                try {
                    while (pos < len) {
                        int want = (int) Math.min(CHUNK, len - pos);
                        bb.clear().limit(want);
                        while (bb.hasRemaining()) {
                            if (in.read(bb, offset + pos + bb.position()) < 0) {
                                throw new IOException(file + " ended at " + (offset + pos + bb.position()) + " bytes while it was read");
                            }
                        }
                        if (zero(buf, want)) {
                            out.write(frame(header, 'Z', want));
                        } else {
                            out.write(frame(header, 'D', want));
                            out.write(buf, 0, want);
                        }
                        pos += want;
                        progress.at(pos, len);
                    }
                    out.write(frame(header, 'E', len));
                    out.flush();
                } catch (IOException e) {
                    // jvirtd may have ended the job (a write failed there) and said why before it closed
                    Storage.Job said = answer(r);
                    if (said != null && said.error() != null) {
                        throw new JvirshException(said.error(), e);
                    }
                    throw lostUpload(pool, name, e);
                }
                String line;
                try {
                    line = readLine(r.body());
                } catch (IOException e) {
                    throw lostUpload(pool, name, e);
                }
                if (line == null) {
                    throw lostUpload(pool, name, new EOFException("the connection closed without the upload's result"));
                }
                Storage.Job j = Storage.Job.from(JsonObject.of(Json.parse(line)).object("job"));
                if (!"succeeded".equals(j.state())) {
                    throw new JvirshException(j.error() == null ? "the upload " + j.state() : j.error());
                }
                return j;
            }
        }
    }

    /** Streams the volume into {@code file} (made or truncated), holes kept as holes. */
    public long download(String pool, String name, Path file, Progress progress) throws IOException {
        HttpResponse r = http.open("GET", vol0(pool, name) + "/download",
                Map.of("Connection", "Upgrade", "Upgrade", "jvirt-volume-download"), null);
        try (r; FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(r.body(), 1 << 16));
            byte[] buf = new byte[CHUNK];
            long pos = 0;
            long total = -1;
            while (true) {
                int kind;
                long len;
                try {
                    kind = in.readUnsignedByte();
                    len = in.readLong();
                } catch (EOFException e) {
                    throw new JvirshException("lost the connection to jvirtd during the download of " + name
                            + " after " + pos + " bytes; " + file + " is incomplete", e);
                }
                switch (kind) {
                    case 'D' -> {
                        long left = len;
                        while (left > 0) {
                            int n = (int) Math.min(buf.length, left);
                            in.readFully(buf, 0, n);
                            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                            while (bb.hasRemaining()) {
                                pos += out.write(bb, pos);
                            }
                            left -= n;
                        }
                    }
                    case 'Z' -> pos += len;
                    case 'L' -> total = len;
                    case 'E' -> {
                        if (out.size() < len) {
                            out.write(ByteBuffer.allocate(1), len - 1);
                        }
                        progress.at(len, len);
                        return len;
                    }
                    case 'X' -> {
                        byte[] m = new byte[(int) Math.min(len, 1 << 16)];
                        in.readFully(m);
                        throw new JvirshException(new String(m, StandardCharsets.UTF_8));
                    }
                    default -> throw new JvirshException("unexpected frame kind " + kind + " in the download");
                }
                progress.at(pos, total);
            }
        }
    }

    /** The job line jvirtd wrote before it closed, or null. */
    private static Storage.Job answer(HttpResponse r) {
        try {
            String line = readLine(r.body());
            return line == null ? null : Storage.Job.from(JsonObject.of(Json.parse(line)).object("job"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JvirshException lostUpload(String pool, String name, IOException e) {
        return new JvirshException("lost the connection to jvirtd during the upload into volume '" + name + "' of pool '"
                + pool + "': " + e.getMessage() + "; the volume is marked incomplete until an upload completes"
                + " (jvirsh vol-upload) or it is deleted", e);
    }

    private static final byte[] ZEROS = new byte[CHUNK];

    private static boolean zero(byte[] b, int n) {
        return java.util.Arrays.mismatch(b, 0, n, ZEROS, 0, n) < 0;
    }

    private static byte[] frame(byte[] header, char kind, long length) {
        header[0] = (byte) kind;
        ByteBuffer.wrap(header, 1, 8).putLong(length);
        return header;
    }

    private static String readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    private static String pool0(String name) {
        return "/1.0/storage-pools/" + ApiClient.encode(name);
    }

    private static String vol0(String pool, String name) {
        return pool0(pool) + "/volumes/" + ApiClient.encode(name);
    }
}
