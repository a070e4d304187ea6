#!/usr/bin/env bash
# jvirtd benchmark: resident memory (RSS) of jvirtd (the shipped dist/bin/jvirtd) idle, with 100
# defined domains and with running tiny guests started in steps (the cost per running guest is
# the slope over the steps), beside a private session libvirtd (spawned by virsh as an
# unprivileged user with XDG dirs in a temp dir, stopped by pid) and its virtlogd, on the same
# domains in the same run; and the latency of listing the 100 domains.
# Usage: bench/jvirtd.sh [domains=100] [running=25] [step=5] [settle-seconds=15] [libvirt-user=nobody]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run" dev.jvirt.bench.daemon.DaemonMemoryBench "${1:-100}" "${2:-25}" "${3:-5}" "${4:-15}" \
  "${5:-nobody}" "$here/../dist/bin/jvirtd"
