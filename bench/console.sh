#!/usr/bin/env bash
# Console benchmark: keystroke echo latency (median, p99) and guest -> client throughput through
# the shipped jvirtd and `jvirsh console` (and so through the console keeper), beside `virsh
# console` on the same tiny guest image under libvirt; then a console outage per jvirt: jvirtd
# killed for --outage seconds while the guest prints a counter, the lines missing from the log
# counted. Each jvirt is a session jvirtd of its own in a temp directory.
# libvirt is a private session daemon of its own: it runs as uid 65534 (qemu:///session as root
# would reach the system daemon's socket) with its XDG directories in a temp directory; libvirtd
# and virtlogd are autostarted by virsh and stopped by the pids in their pidfiles at the end.
# Usage: bench/console.sh [--before DIST] [--keys N] [--lines N] [--rounds N] [--outage SECONDS]
#   --before DIST  also measure another build's dist/ (e.g. one of main), interleaved with this one
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
main=dev.jvirt.bench.console.ConsoleBench
name=jvirt-console-bench

dists=(--dist "this=$here/../dist")
if [[ ${1:-} == --before ]]; then dists=(--dist "before=$2" "${dists[@]}"); shift 2; fi

. "$here/lib.sh"
bench_build
cp=$(bench_classpath)
mapfile -t image < <(java -cp "$cp" "$main" --print-image)

tmp=$(mktemp -d /tmp/jvirt-console-bench.XXXXXX)
lv=(setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin
    HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache"
    XDG_DATA_HOME="$tmp/data")
cleanup() {
  "${lv[@]}" virsh -q -c qemu:///session destroy "$name" >/dev/null 2>&1 || true
  for daemon in libvirtd virtlogd; do
    pidfile="$tmp/run/libvirt/$daemon.pid"
    if [[ -s $pidfile ]]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/home" "$tmp/run"
cp "${image[0]}" "$tmp/vmlinuz"
cp "${image[1]}" "$tmp/initrd.img"
cat > "$tmp/domain.xml" <<XML
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$tmp/vmlinuz</kernel>
    <initrd>$tmp/initrd.img</initrd>
    <cmdline>console=ttyS0</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <serial type='pty'><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
  </devices>
</domain>
XML
chown -R 65534:65534 "$tmp"
chmod 700 "$tmp/run"
chmod 755 "$tmp"

"${lv[@]}" virsh -q -c qemu:///session define "$tmp/domain.xml" >/dev/null
"${lv[@]}" virsh -q -c qemu:///session start "$name" >/dev/null
echo "libvirt: libvirtd pid $(cat "$tmp/run/libvirt/libvirtd.pid"), virtlogd pid $(cat "$tmp/run/libvirt/virtlogd.pid" 2>/dev/null || echo -)"

java -cp "$cp" "$main" "${dists[@]}" --virsh "${lv[*]} virsh -c qemu:///session console $name --force" "$@"
