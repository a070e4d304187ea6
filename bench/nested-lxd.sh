#!/usr/bin/env bash
# Nested-LXD benchmark (issue #17): the Debian guest of test-images/build-lxd-guest under TCG,
# from start to LXD ready to a first busybox container RUNNING with an address, two ways in the
# same run:
#   jvirt    the jvirt:nested-lxd option: jvirsh start, jvirsh nested-status until ready,
#            jvirsh lxc -- launch, nested-status until the container runs with an address
#   libvirt  by hand: virsh start of the same image with a hand-made seed ISO (the same
#            user-data jvirt wrote) and a guest agent channel, then `virsh qemu-agent-command`
#            (guest-exec) polled until cloud-init reports done, then lxc launch the same way
# Seconds from the start command. Goal (the issue): jvirt's time to a running container at most
# the hand-made path's, under 90 s here.
#
# libvirt runs as its own private session daemon (libvirtd + virtlogd as an unprivileged user,
# XDG dirs in a temp dir), jvirtd as a private session daemon with its own dirs; both stopped by
# pid at the end, and any QEMU of this run killed by pid.
#
# Usage: bench/nested-lxd.sh [runs=1] [libvirt-user=nobody]   (as root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${1:-1}
user=${2:-nobody}
[ "$(id -u)" = 0 ] || { echo "nested-lxd.sh: run as root (debootstrap, a private libvirtd as $user)" >&2; exit 1; }

image=$("$root/test-images/build-lxd-guest" --quiet)
(cd "$root" && mvn -q -B -o package -DskipTests -DskipITs -pl distribution -am >/dev/null)
dist="$root/dist"

work=$(mktemp -d /tmp/nlb-XXXXXX) # short: unix socket paths under it must fit in 107 bytes
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for p in /proc/[0-9]*; do
    if { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null | grep -q "$work"; then kill -9 "${p#/proc/}" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
# the image where the libvirt user can read it (the cache is under root's home)
mkdir -p "$work/image"
cp "$image"/{disk.qcow2,vmlinuz,initrd.img,busybox-lxd.tar.gz} "$work/image/"
chmod 755 "$work/image"; chmod 644 "$work/image"/*
image="$work/image"
now() { date +%s.%N; }
# wait_for SECONDS WHAT CMD...: runs CMD every 2 s until it succeeds; gives up after SECONDS (a bounded loop)
wait_for() {
  local limit=$1 what=$2 end; shift 2
  end=$(( $(date +%s) + limit ))
  until "$@"; do
    [ "$(date +%s)" -lt "$end" ] || { echo "nested-lxd.sh: $what not reached within $limit s" >&2; exit 1; }
    sleep 2
  done
}
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- jvirt ---------------------------------------------------------------------------------
jd="$work/jvirtd"
mkdir -p "$jd"
"$dist/bin/jvirtd" --session --state-dir "$jd/state" --runtime-dir "$jd/run" > "$jd/jvirtd.out" 2>&1 &
pids+=($!)
J=("$dist/bin/jvirsh" -c "vmm:///session?socket=$jd/run/jvirtd.sock")
wait_for 120 "jvirtd answering" eval '"${J[@]}" list >/dev/null 2>&1'

domain_xml() { # NAME DISK EXTRA-METADATA EXTRA-DEVICES
  cat <<EOF
<domain type='qemu'>
  <name>$1</name>
  <metadata>$3</metadata>
  <memory unit='MiB'>2048</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$image/vmlinuz</kernel>
    <initrd>$image/initrd.img</initrd>
    <cmdline>root=/dev/vda rw console=ttyS0 no_timer_check</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    $4
    <serial type='pty'><target port='0'/></serial>
  </devices>
</domain>
EOF
}

running_with_address() { grep -Eq '^c1 +RUNNING +[0-9]'; }
declare -a jr jc lr lc
for run in $(seq "$runs"); do
  disk="$work/jvirt-$run.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$image/disk.qcow2" "$disk"
  domain_xml "nlb$run" "$disk" "<jvirt:nested-lxd xmlns:jvirt='https://jvirt.dev/xmlns/nested-lxd/1' image='$image/busybox-lxd.tar.gz'/>" "" \
    > "$work/nlb$run.xml"
  "${J[@]}" define "$work/nlb$run.xml" >/dev/null
  t0=$(now)
  "${J[@]}" start "nlb$run" >/dev/null
  wait_for 1800 "jvirt: LXD ready" eval '"${J[@]}" nested-status "nlb$run" >/dev/null 2>&1'
  jr[$run]=$(since "$t0")
  "${J[@]}" lxc "nlb$run" -- launch busybox c1 >/dev/null 2>&1
  wait_for 900 "jvirt: c1 running" eval '"${J[@]}" nested-status "nlb$run" 2>/dev/null | running_with_address'
  jc[$run]=$(since "$t0")
  cp "$jd/state/qemu/nested-lxd/nlb$run/cidata.iso" "$work/seed-$run.iso" # the same seed, for libvirt
  "${J[@]}" shutdown --mode agent "nlb$run" >/dev/null
  for _ in $(seq 300); do "${J[@]}" domstate "nlb$run" 2>/dev/null | grep -q 'shut off' && break; sleep 1; done
  "${J[@]}" destroy "nlb$run" >/dev/null 2>&1 || true
  "${J[@]}" undefine "nlb$run" >/dev/null
  echo "jvirt run $run: LXD ready ${jr[$run]} s, container running ${jc[$run]} s" >&2
done

# --- libvirt, by hand ------------------------------------------------------------------------
lv="$work/lv"
mkdir -p "$lv"/{config,cache,data,run}
chmod 700 "$lv/run"
chown -R "$user" "$lv"
lvenv=(env HOME="$lv" XDG_CONFIG_HOME="$lv/config" XDG_CACHE_HOME="$lv/cache" XDG_DATA_HOME="$lv/data" XDG_RUNTIME_DIR="$lv/run")
runuser -u "$user" -- "${lvenv[@]}" virtlogd -d
runuser -u "$user" -- "${lvenv[@]}" libvirtd -d
for _ in $(seq 100); do
  [ -S "$lv/run/libvirt/libvirt-sock" ] && [ -f "$lv/run/libvirt/libvirtd.pid" ] && [ -f "$lv/run/libvirt/virtlogd.pid" ] && break
  sleep 0.1
done
pids+=("$(cat "$lv/run/libvirt/libvirtd.pid")" "$(cat "$lv/run/libvirt/virtlogd.pid")")
V=(runuser -u "$user" -- "${lvenv[@]}" virsh -q -c qemu:///session)
agent_exec() { # DOMAIN SHELL-COMMAND -> prints its stdout; exit status 1 when the agent does not answer
  local dom=$1 cmd=$2 pid out
  out=$("${V[@]}" qemu-agent-command "$dom" --timeout 20 \
    "$(python3 -c 'import json,sys; print(json.dumps({"execute":"guest-exec","arguments":{"path":"/bin/sh","arg":["-c",sys.argv[1]],"capture-output":True}}))' "$cmd")" 2>/dev/null) || return 1
  pid=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["return"]["pid"])' <<< "$out")
  for _ in $(seq 600); do
    out=$("${V[@]}" qemu-agent-command "$dom" --timeout 20 "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":$pid}}" 2>/dev/null) || return 1
    if python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["return"]["exited"] else 1)' <<< "$out"; then
      python3 -c 'import base64,json,sys; print(base64.b64decode(json.load(sys.stdin)["return"].get("out-data","")).decode())' <<< "$out" 2>/dev/null || true
      return 0
    fi
    sleep 0.5
  done
  return 1
}
for run in $(seq "$runs"); do
  disk="$work/libvirt-$run.qcow2"
  qemu-img create -q -f qcow2 -F qcow2 -b "$image/disk.qcow2" "$disk"
  chown "$user" "$disk" "$work/seed-$run.iso"
  domain_xml "nlv$run" "$disk" "" "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='$work/seed-$run.iso'/><target dev='hdd' bus='ide'/><readonly/></disk>
    <channel type='unix'><source mode='bind' path='$lv/run/qga-$run.sock'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>" > "$work/nlv$run.xml"
  chmod 644 "$work/nlv$run.xml"
  "${V[@]}" define "$work/nlv$run.xml" >/dev/null
  t0=$(now)
  "${V[@]}" start "nlv$run" >/dev/null
  wait_for 1800 "libvirt: cloud-init done" eval 'agent_exec "nlv$run" "cloud-init status" | grep -q "status: done"'
  lr[$run]=$(since "$t0")
  agent_exec "nlv$run" 'lxc launch busybox c1' >/dev/null
  wait_for 900 "libvirt: c1 running" eval 'agent_exec "nlv$run" "lxc list c1 --format csv -c ns4" | grep -Eq "^c1,RUNNING,[0-9]"'
  lc[$run]=$(since "$t0")
  "${V[@]}" destroy "nlv$run" >/dev/null
  "${V[@]}" undefine "nlv$run" >/dev/null
  echo "libvirt run $run: cloud-init done ${lr[$run]} s, container running ${lc[$run]} s" >&2
done

printf '\n%-5s %-34s %-34s\n' run "jvirt: LXD ready / container (s)" "libvirt by hand: cloud-init done / container (s)"
for run in $(seq "$runs"); do
  printf '%-5s %-34s %-34s\n' "$run" "${jr[$run]} / ${jc[$run]}" "${lr[$run]} / ${lc[$run]}"
done
echo "(seconds from the start command; TCG, 2 vCPU, 2 GiB; goal: jvirt's container time <= the hand-made path's, < 90 s)"
