package dev.jvirt.bench.qmp;

import dev.jvirt.qmpclient.QmpClientFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * QMP client benchmark against real QEMU processes: query-status round-trip latency (median,
 * p99) and the throughput of 100 pipelined commands, for 1 and for 50 connections, the Netty
 * client beside a plain blocking SocketChannel client, alternating rounds in the same run.
 *
 * <p>Usage: {@code QmpBench [roundTrips=2000] [rounds=5] [connections=1,50] [eventLoopThreads]};
 * roundTrips is per round, split across the connections; eventLoopThreads overrides the Netty
 * client's default (to compare settings), the blocking client has no such thing.
 *
 * <p>Each connection is driven by its own caller thread doing synchronous round trips, as a
 * daemon with one QMP connection per guest sees it; both clients use the same threads, the same
 * warm-up and alternate rounds.
 */
public final class QmpBench {
    private static final int PIPELINED = 100;
    private static final int PIPELINED_BATCHES = 20;

    interface ClientMaker {
        BenchClient connect(Path socket) throws Exception;
    }

    record Result(long[] latenciesNanos, long pipelinedCommands, long pipelinedNanos) {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5; // 3 rounds swung ±10% between runs
        int[] connections = Arrays.stream((args.length > 2 ? args[2] : "1,50").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int most = Arrays.stream(connections).max().orElse(1);

        System.out.printf("starting %d QEMU processes (TCG, -S) ...%n", most);
        try (QemuFleet fleet = new QemuFleet(most); QmpClientFactory factory = args.length > 3
                ? new QmpClientFactory(Integer.parseInt(args[3])) : new QmpClientFactory()) {
            ClientMaker netty = socket -> new NettyBenchClient(factory, socket);
            ClientMaker blocking = BlockingQmpClient::new;
            List<String> rows = new ArrayList<>();
            for (int c : connections) {
                List<Path> sockets = fleet.sockets(c);
                int perConnection = Math.max(20, roundTrips / c);
                // Warm-up, both sides alike: a whole round each, so that neither is measured
                // while its code is still being compiled.
                run(netty, sockets, perConnection);
                run(blocking, sockets, perConnection);
                List<Result> nettyResults = new ArrayList<>();
                List<Result> blockingResults = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    // Alternate who goes first, so neither always runs right after the other.
                    if (r % 2 == 0) {
                        nettyResults.add(run(netty, sockets, perConnection));
                        blockingResults.add(run(blocking, sockets, perConnection));
                    } else {
                        blockingResults.add(run(blocking, sockets, perConnection));
                        nettyResults.add(run(netty, sockets, perConnection));
                    }
                }
                rows.add(row(c, "netty", nettyResults, null));
                rows.add(row(c, "blocking", blockingResults, null));
                rows.add(row(c, "netty/blocking", nettyResults, blockingResults));
            }
            System.out.println();
            System.out.printf("QMP query-status against QEMU, %d rounds, pipelined = %d commands in flight per connection%n",
                    rounds, PIPELINED);
            System.out.printf("%-6s %-15s %12s %12s %18s%n", "conns", "client", "median µs", "p99 µs", "pipelined cmd/s");
            rows.forEach(System.out::println);
        }
    }

    /** Without a logback.xml logback logs everything at DEBUG, which would swamp the event loop. */
    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Result run(ClientMaker maker, List<Path> sockets, int roundTrips) throws Exception {
        List<BenchClient> clients = new ArrayList<>();
        try {
            for (Path socket : sockets) {
                clients.add(maker.connect(socket));
            }
            ExecutorService threads = Executors.newFixedThreadPool(clients.size());
            try {
                long[] latencies = new long[roundTrips * clients.size()];
                CyclicBarrier start = new CyclicBarrier(clients.size());
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < clients.size(); i++) {
                    BenchClient client = clients.get(i);
                    int offset = i * roundTrips;
                    done.add(threads.submit((Callable<Void>) () -> {
                        start.await();
                        for (int n = 0; n < roundTrips; n++) {
                            long t0 = System.nanoTime();
                            client.roundTrip();
                            latencies[offset + n] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                done.clear();
                CyclicBarrier go = new CyclicBarrier(clients.size() + 1);
                for (BenchClient client : clients) {
                    done.add(threads.submit((Callable<Void>) () -> {
                        go.await();
                        for (int b = 0; b < PIPELINED_BATCHES; b++) {
                            client.pipelined(PIPELINED);
                        }
                        return null;
                    }));
                }
                go.await();
                long t0 = System.nanoTime();
                for (Future<?> f : done) {
                    f.get();
                }
                long elapsed = System.nanoTime() - t0;
                return new Result(latencies, (long) clients.size() * PIPELINED * PIPELINED_BATCHES, elapsed);
            } finally {
                threads.shutdownNow();
            }
        } finally {
            for (BenchClient client : clients) {
                client.close();
            }
        }
    }

    private static String row(int connections, String name, List<Result> results, List<Result> baseline) {
        double[] mine = summary(results);
        if (baseline == null) {
            return String.format(Locale.ROOT, "%-6d %-15s %12.1f %12.1f %18.0f", connections, name, mine[0], mine[1], mine[2]);
        }
        double[] base = summary(baseline);
        return String.format(Locale.ROOT, "%-6d %-15s %11.2fx %11.2fx %17.2fx", connections, name,
                mine[0] / base[0], mine[1] / base[1], mine[2] / base[2]);
    }

    /** median µs, p99 µs, pipelined commands per second. */
    private static double[] summary(List<Result> results) {
        long[] all = results.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos())).sorted().toArray();
        long commands = results.stream().mapToLong(Result::pipelinedCommands).sum();
        long nanos = results.stream().mapToLong(Result::pipelinedNanos).sum();
        return new double[] {
            all[all.length / 2] / 1000.0,
            all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1000.0,
            commands * 1e9 / nanos
        };
    }
}
