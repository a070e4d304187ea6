#!/usr/bin/env bash
# jvirsh start-up benchmark: wall time (median of N runs) of dist/bin/jvirsh beside virsh, each
# against a private daemon of its own in the same run: `list --all` with 0 and with 100 defined
# domains, then `dominfo` and `dumpxml` of one of them, and `start` of the tiny guest (TCG).
#
# jvirtd runs with temp --state-dir/--runtime-dir; libvirtd is a private session daemon of the
# unprivileged user 'nobody' (as root, qemu:///session does not autostart one), with its XDG dirs
# in the same temp dir. Every daemon and QEMU started here is stopped by pid on exit.
#
# --baseline DIST adds a column for another build's jvirsh (e.g. a dist/ of main) against the same
# jvirtd, its runs interleaved with this build's so both see the same load: before/after side by
# side. --no-virsh leaves libvirt out.
#
# Usage: bench/jvirsh.sh [--no-build] [--baseline DIST] [--no-virsh] [runs=20] [start-runs=5]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=1
baseline=
with_virsh=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --baseline) baseline=$(cd "$2" && pwd); shift 2 ;;
    --no-virsh) with_virsh=0; shift ;;
    *) break ;;
  esac
done
runs=${1:-20}
start_runs=${2:-5}

. "$here/lib.sh"
[ "$build" = 1 ] && bench_build
jvirsh=$repo/dist/bin/jvirsh
jvirtd=$repo/dist/bin/jvirtd
image=$("$repo/test-images/build-tiny-guest" 2>/dev/null | tail -1)

tmp=$(mktemp -d /tmp/jvirsh-bench.XXXXXX)
chmod 755 "$tmp"
jvirtd_pid=
cleanup() {
  set +e
  if [ -n "$jvirtd_pid" ]; then
    for d in $("$jvirsh" -q -c "$uri" list --name 2>/dev/null); do "$jvirsh" -q -c "$uri" destroy "$d" >/dev/null 2>&1; done
    kill "$jvirtd_pid" 2>/dev/null; wait "$jvirtd_pid" 2>/dev/null
  fi
  if [ -n "${lv_env:-}" ]; then
    for d in $(lv -q list --name 2>/dev/null); do lv -q destroy "$d" >/dev/null 2>&1; done
  fi
  # Whatever is left (libvirtd, virtlogd, QEMU) names the temp dir on its command line or environment.
  for p in $(pgrep -u nobody libvirtd; pgrep -u nobody virtlogd; pgrep -f "$tmp"); do
    if [ "$p" != $$ ] && { tr '\0' ' ' < /proc/$p/cmdline; tr '\0' '\n' < /proc/$p/environ; } 2>/dev/null | grep -q "$tmp"; then
      kill "$p" 2>/dev/null
    fi
  done
  sleep 0.5
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- jvirtd -------------------------------------------------------------------------------
uri="vmm:///session?socket=$tmp/jvirtd/run/jvirtd.sock"
"$jvirtd" --session --state-dir "$tmp/jvirtd/state" --runtime-dir "$tmp/jvirtd/run" >"$tmp/jvirtd.log" 2>&1 &
jvirtd_pid=$!
for _ in $(seq 300); do "$jvirsh" -q -c "$uri" uri >/dev/null 2>&1 && break; sleep 0.1; done
j() { "$jvirsh" -c "$uri" "$@"; }
jb() { "$baseline/bin/jvirsh" -c "$uri" "$@"; }

# --- private libvirtd (session of 'nobody') -------------------------------------------------
lv() { :; }
if [ "$with_virsh" = 1 ]; then
mkdir -p "$tmp/lv/run" "$tmp/lv/cfg" "$tmp/lv/cache" "$tmp/lv/data" "$tmp/lv/home"
chmod 700 "$tmp/lv/run"
chown -R nobody:nogroup "$tmp/lv"
lv_env="HOME=$tmp/lv/home XDG_RUNTIME_DIR=$tmp/lv/run XDG_CONFIG_HOME=$tmp/lv/cfg XDG_CACHE_HOME=$tmp/lv/cache XDG_DATA_HOME=$tmp/lv/data"
lv() { runuser -u nobody -- env $lv_env virsh -c qemu:///session "$@"; }
lv -q list --all >/dev/null   # starts the session libvirtd
fi

# --- the guests -----------------------------------------------------------------------------
mkdir -p "$tmp/guest" "$tmp/xml"
cp "$image/vmlinuz" "$image/initrd.img" "$tmp/guest/"
chmod 644 "$tmp/guest/"*
domain_xml() { # NAME DISK
  cat <<EOF
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>$tmp/guest/vmlinuz</kernel><initrd>$tmp/guest/initrd.img</initrd><cmdline>console=ttyS0</cmdline></os>
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='$2'/><target dev='vda' bus='virtio'/></disk>
    <serial type='pty'/>
  </devices>
</domain>
EOF
}
for i in $(seq -w 1 100); do domain_xml "bench$i" "$tmp/guest/bench$i.qcow2" > "$tmp/xml/bench$i.xml"; done
qemu-img create -q -f qcow2 "$tmp/guest/bench001.qcow2" 64M
chmod 666 "$tmp/guest/bench001.qcow2"
chmod -R a+rX "$tmp/xml" "$tmp/guest"

# --- timing ---------------------------------------------------------------------------------
median_ms() { # RUNS COMMAND... -> median wall time in ms
  local n=$1; shift
  local t=()
  for _ in $(seq "$n"); do
    local s; s=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}
start_ms() { # RUNS jvirsh|virsh -> median ms of `start bench001` (destroyed after each, untimed)
  local n=$1 tool=$2 t=()
  for _ in $(seq "$n"); do
    local s; s=$(date +%s%N)
    $tool start bench001 >/dev/null 2>&1 || { echo "$tool start failed" >&2; $tool start bench001 >&2 || true; }
    t+=($(( ($(date +%s%N) - s) / 1000000 )))
    $tool destroy bench001 >/dev/null 2>&1 || true
    sleep 1
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
pair_ms() { # RUNS COMMAND... -> "median-of-jvirsh median-of-baseline": runs alternate, j COMMAND then jb COMMAND
  local n=$1; shift
  local ta=() tb=() s
  for _ in $(seq "$n"); do
    s=$(date +%s%N); j "$@" >/dev/null 2>&1; ta+=($(( ($(date +%s%N) - s) / 1000000 )))
    s=$(date +%s%N); jb "$@" >/dev/null 2>&1; tb+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  echo "$(median "${ta[@]}") $(median "${tb[@]}")"
}
cells() { # RUNS ARGS... -> the jvirsh cell(s) of a row: this build's, and the baseline's when there is one
  local n=$1; shift
  if [ -n "$baseline" ]; then pair_ms "$n" "$@"; else median_ms "$n" j "$@"; fi
}
virsh_cell() { if [ "$with_virsh" = 1 ]; then median_ms "$@"; else echo -; fi; }
row() { if [ -n "$baseline" ]; then printf '%-34s %10s %11s %10s\n' "$@"; else printf '%-34s %10s %10s\n' "$@"; fi; }
jrow() { # LABEL COMMAND...
  local label=$1; shift
  # shellcheck disable=SC2046 # one or two cells
  row "$label" $(cells "$runs" "$@") "$(virsh_cell "$runs" lv "$@")"
}
echo "jvirsh vs virsh, median wall time of $runs runs (start: $start_runs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$baseline" ] && echo "baseline: $baseline/bin/jvirsh, its runs interleaved with this build's"
if [ -n "$baseline" ]; then row "command" "jvirsh ms" "baseline ms" "virsh ms"; else row "command" "jvirsh ms" "virsh ms"; fi
jrow "list --all (0 domains)" list --all

# 100 domains in each: one jvirsh shell session and one virsh session define them all.
for i in $(seq -w 1 100); do echo "define $tmp/xml/bench$i.xml"; done | "$jvirsh" -q -c "$uri" >/dev/null
[ "$with_virsh" = 1 ] && for i in $(seq -w 1 100); do echo "define $tmp/xml/bench$i.xml"; done | lv -q >/dev/null
[ "$(j -q list --all --name | grep -c bench)" = 100 ] || { echo "jvirtd does not have 100 domains" >&2; exit 1; }
if [ "$with_virsh" = 1 ]; then
  [ "$(lv -q list --all --name | grep -c bench)" = 100 ] || { echo "libvirtd does not have 100 domains" >&2; exit 1; }
fi

jrow "list --all (100 domains)" list --all
jrow "dominfo bench001" dominfo bench001
jrow "dumpxml bench001" dumpxml bench001
if [ -n "$baseline" ]; then
  row "start bench001 (tiny guest, TCG)" "$(start_ms "$start_runs" j)" "$(start_ms "$start_runs" jb)" \
    "$( [ "$with_virsh" = 1 ] && start_ms "$start_runs" lv || echo -)"
else
  row "start bench001 (tiny guest, TCG)" "$(start_ms "$start_runs" j)" "$( [ "$with_virsh" = 1 ] && start_ms "$start_runs" lv || echo -)"
fi
echo "(virsh runs through 'runuser -u nobody', which alone takes $(median_ms "$runs" runuser -u nobody -- true) ms; jvirsh CDS archive: $( [ -f "$repo/dist/lib/cds/jvirsh.jsa" ] && echo on || echo off)$( [ -n "$baseline" ] && echo ", baseline's: $( [ -f "$baseline/lib/cds/jvirsh.jsa" ] && echo on || echo off)"))"
