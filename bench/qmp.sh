#!/usr/bin/env bash
# QMP client benchmark: query-status latency and pipelined throughput against real QEMU
# processes (TCG, -S), the Netty client beside a blocking SocketChannel client.
# Usage: bench/qmp.sh [roundTrips=2000] [rounds=5] [connections=1,50] [eventLoopThreads]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run" dev.jvirt.bench.qmp.QmpBench "$@"
