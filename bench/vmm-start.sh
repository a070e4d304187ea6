#!/usr/bin/env bash
# Start-up benchmark of the VMM: the tiny guest started with jvirt (Hypervisor.start), with libvirt
# (virsh start) and as bare QEMU, same XML, same image, same run, interleaved; medians of
# call → running and call → marker on serial, and each manager's overhead over bare QEMU.
#
# libvirt runs as its own private daemon: a session libvirtd (and virtlogd) started here as an
# unprivileged user (qemu:///session as root would be the system daemon), with XDG dirs in a temp
# dir, and stopped by pid at the end.
#
# Usage: bench/vmm-start.sh [runs=10] [libvirt-user=nobody]   (as root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
runs=${1:-10}
user=${2:-nobody}
bench_build

bench_tmp jvirt-vmm-bench   # stopped at exit: every process naming it (QEMU, libvirtd, virtlogd)
work=$bench_tmp
lv="$work/libvirt"
mkdir -p "$lv"/{config,cache,data,run}
chmod 700 "$lv/run"
chown -R "$user" "$lv"
lvenv=(env HOME="$lv" XDG_CONFIG_HOME="$lv/config" XDG_CACHE_HOME="$lv/cache" XDG_DATA_HOME="$lv/data"
       XDG_RUNTIME_DIR="$lv/run")

runuser -u "$user" -- "${lvenv[@]}" virtlogd -d
runuser -u "$user" -- "${lvenv[@]}" libvirtd -d
for _ in $(seq 100); do
  [ -S "$lv/run/libvirt/libvirt-sock" ] && [ -f "$lv/run/libvirt/libvirtd.pid" ] && [ -f "$lv/run/libvirt/virtlogd.pid" ] && break
  sleep 0.1
done
bench_track "$(cat "$lv/run/libvirt/libvirtd.pid")" "$(cat "$lv/run/libvirt/virtlogd.pid")"
echo "private libvirtd pid $(cat "$lv/run/libvirt/libvirtd.pid"), virtlogd pid $(cat "$lv/run/libvirt/virtlogd.pid") (session, user $user, dirs in $lv)" >&2

cd "$here/.."
java -cp "$(bench_classpath)" dev.jvirt.bench.vmm.VmmStartBench "$work" "$runs" "$user"
