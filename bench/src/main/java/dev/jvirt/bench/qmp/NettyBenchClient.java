package dev.jvirt.bench.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jvirt.qmpclient.QmpClientFactory;
import dev.jvirt.qmpclient.QmpConnection;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The client under test: a {@link QmpConnection}; the caller waits on each future. */
final class NettyBenchClient implements BenchClient {
    private final QmpConnection connection;
    @SuppressWarnings("unchecked")
    private CompletableFuture<JsonNode>[] batch = new CompletableFuture[0];

    NettyBenchClient(QmpClientFactory factory, Path socket) throws Exception {
        connection = factory.connect(socket).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void roundTrip() throws Exception {
        connection.execute("query-status").get(); // the client's own 30 s command timeout bounds this
    }

    @Override
    @SuppressWarnings("unchecked")
    public void pipelined(int count) throws Exception {
        if (batch.length != count) {
            batch = new CompletableFuture[count];
        }
        for (int i = 0; i < count; i++) {
            batch[i] = connection.execute("query-status");
        }
        CompletableFuture.allOf(batch).get();
    }

    @Override
    public void close() {
        connection.close();
    }
}
