#!/usr/bin/env bash
# domain-xml benchmark: parse + validate + format of a typical 10-device domain on one thread
# (JMH, ops/s; the issue's aim is at least 20,000 ops/s), and the same with defaults filled.
# Usage: bench/domain-xml.sh [extra JMH options, e.g. -w 2s -r 2s]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
csv=$(mktemp /tmp/jvirt-domain-xml-bench.XXXXXX.csv)
trap 'rm -f "$csv"' EXIT
"$here/run" org.openjdk.jmh.Main dev.jvirt.bench.domainxml.DomainXmlBench -f 1 -wi 3 -i 5 -t 1 \
  -rf csv -rff "$csv" "$@"
echo
echo "domain-xml pipeline, one thread (aim: >= 20000 ops/s for parse+validate+format)"
printf '%-34s %14s %12s\n' "benchmark" "ops/s" "± (99.9%)"
# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
tail -n +2 "$csv" | while IFS=, read -r name _mode _threads _samples score error _unit; do
  name=${name//\"/}
  printf '%-34s %14.0f %12.0f\n' "${name##*.}" "$score" "$error"
done

# JMH reports wall-clock throughput; on a shared, loaded machine that mostly measures the
# neighbours. Also report operations per second of CPU time of the benchmark thread.
echo
"$(command -v java)" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.jvirt.bench.domainxml.DomainXmlCpuTime 20 | tail -n 1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
