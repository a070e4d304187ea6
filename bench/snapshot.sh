#!/usr/bin/env bash
# Snapshot and save/restore benchmark: the tiny guest (128 MiB, TCG, a 64 MiB qcow2 disk) under
# jvirt (dist/bin/jvirsh against a session jvirtd of its own) and under libvirt (virsh against a
# private session libvirtd run as uid 65534, its XDG directories in the temp directory), same
# XML, same image, same run. Per round and side: snapshot-create-as (internal, with memory),
# snapshot-revert to it, snapshot-delete, save to a file, restore from it. Each figure is the
# wall time of the client command (client start-up included: ~0.1 s of JVM for jvirsh against
# ~0.04 s for virsh: the `list` row shows that fixed part), median of the rounds; the ratio is jvirt / libvirt
# (below 1: jvirt faster), ratio-no-list the same with each side's `list` time taken off (the daemons' work).
# Usage: bench/snapshot.sh [--rounds N] [--dist DIR]   (DIR: a built dist/, default ../dist;
#   made with `mvn -B -ntp -o -q package -pl distribution -am -DskipTests -DskipITs` when missing)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=3
dist="$here/../dist"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --dist) dist=$2; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--dist DIR]" >&2; exit 2 ;;
  esac
done
if [[ ! -x $dist/bin/jvirsh ]]; then
  (cd "$here/.." && mvn -B -ntp -o -q package -pl distribution -am -DskipTests -DskipITs)
fi
image=$("$here/../test-images/build-tiny-guest" 2>/dev/null | tail -1)

tmp=$(mktemp -d /tmp/jvirt-snapshot-bench.XXXXXX)
chmod 755 "$tmp"
name=jvirt-snapshot-bench
jvirtd_pid=
lvenv=(setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin
  HOME="$tmp/lv/home" XDG_RUNTIME_DIR="$tmp/lv/run" XDG_CONFIG_HOME="$tmp/lv/cfg" XDG_CACHE_HOME="$tmp/lv/cache"
  XDG_DATA_HOME="$tmp/lv/data")
lv() { "${lvenv[@]}" virsh -q -c qemu:///session "$@"; }
jv() { JVIRT_DEFAULT_URI="vmm:///session?socket=$tmp/jv/run/jvirtd.sock" "$dist/bin/jvirsh" -q "$@"; }

cleanup() {
  set +e
  jv destroy "$name" >/dev/null 2>&1
  lv destroy "$name" >/dev/null 2>&1
  if [[ -n $jvirtd_pid ]]; then kill "$jvirtd_pid" 2>/dev/null; wait "$jvirtd_pid" 2>/dev/null; fi
  for pidfile in "$tmp/jv/run/console-keeper.pid" "$tmp/lv/run/libvirt/libvirtd.pid" "$tmp/lv/run/libvirt/virtlogd.pid"; do
    if [[ -s $pidfile ]]; then kill "$(cat "$pidfile")" 2>/dev/null; fi
  done
  sleep 0.3
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/jv" "$tmp/lv/home" "$tmp/lv/run"
cp "$image/vmlinuz" "$tmp/vmlinuz"
cp "$image/initrd.img" "$tmp/initrd.img"
domain_xml() { # $1: the disk image
  cat <<XML
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$tmp/vmlinuz</kernel>
    <initrd>$tmp/initrd.img</initrd>
    <cmdline>console=ttyS0 no_timer_check</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$1'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <serial type='pty'><target port='0'/></serial>
  </devices>
</domain>
XML
}
for side in jv lv; do
  qemu-img create -q -f qcow2 "$tmp/$side/vda.qcow2" 64M
  domain_xml "$tmp/$side/vda.qcow2" > "$tmp/$side/domain.xml"
done
chown -R 65534:65534 "$tmp/lv" "$tmp/vmlinuz" "$tmp/initrd.img"

"$dist/bin/jvirtd" --session --state-dir "$tmp/jv/state" --runtime-dir "$tmp/jv/run" >"$tmp/jvirtd.log" 2>&1 &
jvirtd_pid=$!
for _ in $(seq 300); do jv uri >/dev/null 2>&1 && break; sleep 0.1; done

now() { date +%s%N; }
declare -A times
# timed SIDE OP COMMAND...: runs it, appends its wall time in ms to times[SIDE.OP]
timed() {
  local side=$1 op=$2 t0 t1
  shift 2
  t0=$(now)
  "$@" >/dev/null
  t1=$(now)
  times[$side.$op]+="$(( (t1 - t0) / 1000000 )) "
}
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

for side in jv lv; do
  $side define "$tmp/$side/domain.xml" >/dev/null
  $side start "$name" >/dev/null
done
sleep 8 # the guests boot (a snapshot or save of a booting guest works as well, but is not what users time)

for round in $(seq "$rounds"); do
  for side in jv lv; do
    timed $side list $side list --all
    timed $side snapshot-create $side snapshot-create-as "$name" "s$round"
    timed $side snapshot-revert $side snapshot-revert "$name" "s$round"
    timed $side snapshot-delete $side snapshot-delete "$name" "s$round"
    timed $side save $side save "$name" "$tmp/$side/$name.save"
    timed $side restore $side restore "$tmp/$side/$name.save"
    rm -f "$tmp/$side/$name.save"
  done
done

echo "snapshot.sh: tiny guest, 128 MiB, TCG; $rounds rounds; medians in ms of the client command; load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s %10s %10s %8s %14s\n' operation jvirt libvirt ratio "ratio-no-list"
jl=$(median "${times[jv.list]}")
ll=$(median "${times[lv.list]}")
for op in list snapshot-create snapshot-revert snapshot-delete save restore; do
  j=$(median "${times[jv.$op]}")
  l=$(median "${times[lv.$op]}")
  # ratio-no-list: each side's `list` time (client start-up and one request) taken off first
  printf '%-18s %10s %10s %8s %14s\n' "$op" "$j" "$l" "$(awk -v j="$j" -v l="$l" 'BEGIN {printf "%.2f", (l > 0 ? j / l : 0)}')" \
    "$(awk -v j="$j" -v l="$l" -v a="$jl" -v b="$ll" 'BEGIN {d = l - b; printf (d > 0 ? "%.2f" : "-"), (j - a) / d}')"
done
