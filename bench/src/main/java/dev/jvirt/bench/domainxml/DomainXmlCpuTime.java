package dev.jvirt.bench.domainxml;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainValidator;
import dev.jvirt.domainxml.domain.DomainXml;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The {@link DomainXmlBench} pipeline measured in operations per second of this thread's CPU
 * time, which stays meaningful on a shared machine where other work steals the core (wall-clock
 * ops/s there mostly measures the neighbours). Usage: {@code DomainXmlCpuTime [seconds=20]};
 * prints one line per 2-second round and the best round.
 */
public final class DomainXmlCpuTime {
    private DomainXmlCpuTime() {}

    /** Runs the measurement. */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = 0;
        long sink = 0;
        for (int round = 0; round < seconds / 2; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            int ops = 0;
            while (mx.getCurrentThreadCpuTime() - c0 < 2_000_000_000L) {
                for (int i = 0; i < 100; i++) {
                    Parsed<Domain> p = DomainXml.read(DomainXmlBench.XML, "bench.xml");
                    sink += DomainValidator.validate(p).size();
                    sink += DomainXml.format(p.definition()).length();
                    ops++;
                }
            }
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            best = Math.max(best, ops / cpu);
            System.out.printf("round %2d: %8.0f ops per CPU-second  (%8.0f ops per wall-second)%n", round + 1, ops / cpu, ops / wall);
        }
        System.out.printf("best: %.0f ops per CPU-second (parse+validate+format)%s%n", best, sink == 42 ? " " : "");
    }
}
