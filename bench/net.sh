#!/usr/bin/env bash
# Network benchmark (issue #13): the time of `net-start` of a NAT network (bridge, dnsmasq,
# firewall rules) with jvirt (`jvirsh net-start`, system-mode jvirtd) beside libvirt (`virsh
# net-start`, the system libvirtd), and guest-to-guest TCP throughput over the network's bridge:
# two tiny guests (TCG) per manager, busybox `nc` sending MiB from /dev/zero into the other
# guest's `nc` > /dev/null, timed from the host over the guests' serial sockets. Same network
# XML (only name of the bridge and the subnet differ), same domain XML, one run, interleaved
# (the order flips each round); medians, ratios last (jvirt / libvirt: < 1 is faster start,
# > 1 more throughput). Goals: start ratio <= 1, throughput ratio >= 0.95.
#
# Nothing on the host is touched: both daemons run in a network and mount namespace the script
# makes (tmpfs over /run, /var/lib/jvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt,
# /etc/libvirt; /dev/null over /dev/kvm there, as TCG is all these guests use), and every process
# in that namespace is stopped by pid at the end; the namespace goes with its holder process.
# Usage: bench/net.sh [--rounds N] [--mib MIB] [--build]   (as root; --build: make dist/ first)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/lib.sh"
rounds=5
mib=64
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift ;;
    --mib) mib=$2; shift ;;
    --build) build=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: bench/net.sh [--rounds N] [--mib MIB] [--build]" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "bench/net.sh: needs root (namespaces, the system daemons)" >&2; exit 1; }
[ $build = 1 ] && (cd "$repo" && mvn -q -B -ntp package -pl distribution -am -DskipTests -DskipITs)
dist="$repo/dist"
[ -x "$dist/bin/jvirtd" ] || { echo "bench/net.sh: no $dist/bin/jvirtd (run with --build)" >&2; exit 1; }
image=$("$repo/test-images/build-tiny-guest" --quiet | tail -1)
load0=$(cut -d" " -f1-3 /proc/loadavg)

bench_tmp jvirt-net-bench
work=$bench_tmp
mkdir -p "$work/img" "$work/sock" "$work/etc-libvirt"
chmod 1777 "$work/sock"
install -m 0644 "$image/vmlinuz" "$image/initrd.img" "$work/img/"
cp /etc/libvirt/*.conf "$work/etc-libvirt/"
mkdir -p /var/lib/jvirt  # a mount point: the namespace's tmpfs covers it

unshare --mount --net --propagation private -- sleep 1000000 &
holder=$!
bench_track "$holder"
for _ in $(seq 100); do
  [ "$(readlink "/proc/$holder/ns/net")" != "$(readlink /proc/self/ns/net)" ] && break
  sleep 0.05
done
[ "$(readlink "/proc/$holder/ns/net")" != "$(readlink /proc/self/ns/net)" ] || { echo "no namespace" >&2; exit 1; }
ns() { nsenter -t "$holder" -m -n -- "$@"; }

# every process in the namespace, by pid (jvirtd, its console keeper, QEMU, dnsmasq, libvirtd, virtlogd)
stop_namespace() {
  local netns p pid round
  netns=$(readlink "/proc/$holder/ns/net")
  for round in 1 2 3 4 5 6 7 8 9 10; do
    local left=0
    for p in /proc/[0-9]*; do
      pid=${p#/proc/}
      [ "$pid" = "$holder" ] && continue
      [ "$(readlink "$p/ns/net" 2>/dev/null)" = "$netns" ] || continue
      bench_running "$pid" || continue
      left=1
      if [ $round -lt 6 ]; then kill "$pid" 2>/dev/null || true; else kill -9 "$pid" 2>/dev/null || true; fi
    done
    [ $left = 0 ] && break
    sleep 0.5
  done
}
bench_on_exit stop_namespace

ns ip link set lo up
for d in /run /var/lib/jvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt /etc/libvirt; do
  ns mount -t tmpfs -o mode=0755 jvirt-net-bench "$d"
done
ns mount --bind /dev/null /dev/kvm
ns sh -c 'mkdir -p /run/lock /run/jvirt && cp "$1"/*.conf /etc/libvirt/' - "$work/etc-libvirt"

ns virtlogd -d
ns libvirtd -d
for _ in $(seq 300); do ns test -S /run/libvirt/libvirt-sock && ns test -s /run/libvirtd.pid && break; sleep 0.1; done
bench_track "$(ns cat /run/virtlogd.pid)" "$(ns cat /run/libvirtd.pid)"
ns "$dist/bin/jvirtd" --system > "$work/jvirtd.log" 2>&1 &
bench_track $!
jvirsh=(ns "$dist/bin/jvirsh" -q -c vmm:///system)
virsh=(ns virsh -q -c qemu:///system)
for _ in $(seq 300); do "${jvirsh[@]}" uri >/dev/null 2>&1 && break; sleep 0.1; done
"${virsh[@]}" uri >/dev/null  # libvirt probes QEMU on first use: not part of any figure

network_xml() {  # NAME BRIDGE OCTET: the subnet 10.OCTET.0.0/24, hosts 52:54:00:OCTET:00:0{1,2} at .11 and .12
  cat <<XML
<network>
  <name>$1</name>
  <forward mode='nat'/>
  <bridge name='$2' stp='off'/>
  <ip address='10.$3.0.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='10.$3.0.100' end='10.$3.0.199'/>
      <host mac='52:54:00:$3:00:01' name='a' ip='10.$3.0.11'/>
      <host mac='52:54:00:$3:00:02' name='b' ip='10.$3.0.12'/>
    </dhcp>
  </ip>
</network>
XML
}
network_xml benchnet jvbrbench 71 > "$work/net-j.xml"
network_xml benchnet virbrbench 72 > "$work/net-v.xml"
"${jvirsh[@]}" net-define "$work/net-j.xml" >/dev/null
"${virsh[@]}" net-define "$work/net-v.xml" >/dev/null

declare -A t
for ((r = 0; r < rounds; r++)); do
  order=(j v); [ $((r % 2)) = 1 ] && order=(v j)
  for side in "${order[@]}"; do
    if [ "$side" = j ]; then c=("${jvirsh[@]}"); else c=("${virsh[@]}"); fi
    t[start,$side]+=" $(bench_ms "${c[@]}" net-start benchnet)"
    t[destroy,$side]+=" $(bench_ms "${c[@]}" net-destroy benchnet)"
    t[uri,$side]+=" $(bench_ms "${c[@]}" uri)"  # the client's own start-up and one call: part of both figures above
  done
done

domain_xml() {  # NAME MAC
  cat <<XML
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$work/img/vmlinuz</kernel>
    <initrd>$work/img/initrd.img</initrd>
    <cmdline>console=ttyS0 no_timer_check</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <interface type='network'>
      <mac address='$2'/>
      <source network='benchnet'/>
      <model type='virtio'/>
    </interface>
    <serial type='unix'><source mode='bind' path='$work/sock/$1.sock'/><target port='0'/></serial>
  </devices>
</domain>
XML
}
"${jvirsh[@]}" net-start benchnet >/dev/null
"${virsh[@]}" net-start benchnet >/dev/null
for side in j v; do
  if [ "$side" = j ]; then c=("${jvirsh[@]}"); octet=71; else c=("${virsh[@]}"); octet=72; fi
  for g in a b; do
    mac=52:54:00:$octet:00:0$([ $g = a ] && echo 1 || echo 2)
    domain_xml "bench-$side$g" "$mac" > "$work/dom-$side$g.xml"
    "${c[@]}" create "$work/dom-$side$g.xml" >/dev/null
  done
done
serial() { "$here/guest-serial.py" "$work/sock/bench-$1.sock" "${@:2}"; }
for g in ja jb va vb; do
  serial "$g" ready 300
  octet=$([ "${g:0:1}" = j ] && echo 71 || echo 72)
  ip=10.$octet.0.1$([ "${g:1:1}" = a ] && echo 1 || echo 2)
  # the lease: rc's udhcpc keeps trying in the background
  serial "$g" run 120 "i=0; until ip -4 addr show dev eth0 | grep -q $ip/; do i=\$((i+1)); [ \$i -gt 100 ] && break; sleep 1; done; ip -4 addr show dev eth0 | grep -q $ip/" \
    | grep -q '^0 ' || { echo "bench-$g has no address $ip" >&2; exit 1; }
done

count=$((mib * 16))  # 64 KiB blocks
for ((r = 0; r < rounds; r++)); do
  order=(j v); [ $((r % 2)) = 1 ] && order=(v j)
  for side in "${order[@]}"; do
    octet=$([ "$side" = j ] && echo 71 || echo 72)
    serial "${side}b" run 30 "nc -l -p 5001 > /dev/null &" >/dev/null
    sleep 0.5
    read -r rc ms < <(serial "${side}a" run 600 "dd if=/dev/zero bs=65536 count=$count 2>/dev/null | nc 10.$octet.0.12 5001")
    [ "$rc" = 0 ] || { echo "the transfer from bench-${side}a failed ($rc)" >&2; exit 1; }
    t[tput,$side]+=" $(awk -v m="$mib" -v ms="$ms" 'BEGIN { printf "%.1f", m * 1000 / ms }')"
  done
done

med() { bench_median ${t[$1]}; }
medf() { printf '%s\n' ${t[$1]} | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "network benchmark: $rounds rounds, interleaved; NAT network; $mib MiB guest to guest (TCG guests, no vhost-net: $( [ -c /dev/vhost-net ] && echo present || echo absent on this host))"
echo "load before: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %10s %10s\n' measure jvirt libvirt jvirt/libvirt
for op in start destroy; do
  printf '%-34s %10s %10s %10s\n' "net-$op, median ms" "$(med "$op,j")" "$(med "$op,v")" "$(bench_ratio "$(med "$op,j")" "$(med "$op,v")")"
done
printf '%-34s %10s %10s %10s\n' "(client alone: uri, median ms)" "$(med uri,j)" "$(med uri,v)" "$(bench_ratio "$(med uri,j)" "$(med uri,v)")"
printf '%-34s %10s %10s %10s\n' "guest->guest TCP, median MiB/s" "$(medf tput,j)" "$(medf tput,v)" "$(bench_ratio "$(medf tput,j)" "$(medf tput,v)")"
echo "all samples: start j:${t[start,j]} v:${t[start,v]}; throughput MiB/s j:${t[tput,j]} v:${t[tput,v]}"
