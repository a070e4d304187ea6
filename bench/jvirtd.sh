#!/usr/bin/env bash
# jvirtd benchmark: resident memory (RSS) of jvirtd idle, with 100 defined domains and with 10
# running tiny guests, beside a private session libvirtd (spawned by virsh as an unprivileged
# user with XDG dirs in a temp dir, stopped by pid) on the same domains in the same run; and the
# latency of listing the 100 domains. jvirtd runs twice: with bin/jvirtd's JVM flags and with a
# smaller set.
# Usage: bench/jvirtd.sh [domains=100] [running=10] [libvirt-user=nobody]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run" dev.jvirt.bench.daemon.DaemonMemoryBench "$@"
