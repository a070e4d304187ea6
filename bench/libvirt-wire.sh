#!/usr/bin/env bash
# libvirt wire benchmark (#22): the same virsh binary against a private session libvirtd and against
# jvirtd's libvirt socket (RUNTIME/libvirt-sock): `list --all` with 100 defined domains, `dominfo`,
# `start` and `destroy` of the tiny guest (TCG). Median wall time of N runs each, and the ratio
# jvirtd/libvirtd (below 1: jvirtd is faster).
#
# libvirtd is the session daemon of 'nobody' (as root, qemu:///session has none), its XDG dirs in a
# temp dir; jvirtd runs in session mode with temp --state-dir/--runtime-dir and serves root only,
# so its virsh runs as root. Both go through runuser, so both pay its start-up. Every daemon and
# QEMU started here is stopped by pid on exit.
#
# Before timing, each daemon answers `warmup` rounds of the timed queries untimed (default 30), as a
# daemon that has been up a while would have: jvirtd's JIT compiles its hot code by then.
#
# Usage: bench/libvirt-wire.sh [--no-build] [runs=10] [start-runs=3] [warmup=30]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
build=1
if [ "${1:-}" = --no-build ]; then build=0; shift; fi
runs=${1:-10}
start_runs=${2:-3}
warmup=${3:-30}

modules="api domain-xml qmp-client libvirt-wire console storage-pools bridge-net vmm-core"
if [ "$build" = 1 ]; then
  echo "compiling vmm-core and what it needs ..." >&2
  (cd "$repo" && mvn -q -B -o -pl vmm-core -am compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >&2)
fi
cp=""
for m in $modules; do cp="$cp$repo/$m/target/classes:"; done
cp="$cp$(tr ':' '\n' < "$repo/vmm-core/target/bench-classpath.txt" | grep -v '/dev/jvirt/' | paste -sd:)"
image=$("$repo/test-images/build-tiny-guest" 2>/dev/null | tail -1)

tmp=$(mktemp -d /tmp/libvirt-wire-bench.XXXXXX)
chmod 755 "$tmp"
jvirtd_pid=
cleanup() {
  set +e
  for d in $(jv -q list --name 2>/dev/null); do jv -q destroy "$d" >/dev/null 2>&1; done
  for d in $(lv -q list --name 2>/dev/null); do lv -q destroy "$d" >/dev/null 2>&1; done
  if [ -n "$jvirtd_pid" ]; then kill "$jvirtd_pid" 2>/dev/null; wait "$jvirtd_pid" 2>/dev/null; fi
  # what is left (libvirtd, virtlogd, QEMU, the console keeper) names the temp dir in its command line or environment
  for p in $(pgrep -u nobody libvirtd; pgrep -u nobody virtlogd; pgrep -f "$tmp"); do
    if [ "$p" != $$ ] && { tr '\0' ' ' < /proc/$p/cmdline; tr '\0' '\n' < /proc/$p/environ; } 2>/dev/null | grep -q "$tmp"; then
      kill "$p" 2>/dev/null
    fi
  done
  sleep 0.5
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- jvirtd ----------------------------------------------------------------------------------
java -XX:+UseSerialGC -cp "$cp" dev.jvirt.vmmcore.daemon.JvirtdMain --session \
  --state-dir "$tmp/jvirtd/state" --runtime-dir "$tmp/jvirtd/run" >"$tmp/jvirtd.log" 2>&1 &
jvirtd_pid=$!
jv() { runuser -u root -- virsh -c "qemu+unix:///session?socket=$tmp/jvirtd/run/libvirt-sock" "$@"; }
for _ in $(seq 300); do jv -q uri >/dev/null 2>&1 && break; sleep 0.1; done

# --- private libvirtd (session of 'nobody') ---------------------------------------------------
mkdir -p "$tmp/lv/run" "$tmp/lv/cfg" "$tmp/lv/cache" "$tmp/lv/data" "$tmp/lv/home"
chmod 700 "$tmp/lv/run"
chown -R nobody:nogroup "$tmp/lv"
lv_env="HOME=$tmp/lv/home XDG_RUNTIME_DIR=$tmp/lv/run XDG_CONFIG_HOME=$tmp/lv/cfg XDG_CACHE_HOME=$tmp/lv/cache XDG_DATA_HOME=$tmp/lv/data"
lv() { runuser -u nobody -- env $lv_env virsh -c qemu:///session "$@"; }
lv -q list --all >/dev/null   # starts the session libvirtd

# --- 100 domains in each ------------------------------------------------------------------------
mkdir -p "$tmp/guest" "$tmp/xml"
cp "$image/vmlinuz" "$image/initrd.img" "$tmp/guest/"
chmod 644 "$tmp/guest/"*
for i in $(seq -w 1 100); do
  cat > "$tmp/xml/bench$i.xml" <<XML
<domain type='qemu'>
  <name>bench$i</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>$tmp/guest/vmlinuz</kernel><initrd>$tmp/guest/initrd.img</initrd><cmdline>console=ttyS0</cmdline></os>
  <features><acpi/></features>
  <devices><serial type='pty'/></devices>
</domain>
XML
done
chmod -R a+rX "$tmp/xml" "$tmp/guest"
for i in $(seq -w 1 100); do echo "define $tmp/xml/bench$i.xml"; done | jv -q >/dev/null
for i in $(seq -w 1 100); do echo "define $tmp/xml/bench$i.xml"; done | lv -q >/dev/null
[ "$(jv -q list --all --name | grep -c bench)" = 100 ] || { echo "jvirtd does not have 100 domains" >&2; exit 1; }
[ "$(lv -q list --all --name | grep -c bench)" = 100 ] || { echo "libvirtd does not have 100 domains" >&2; exit 1; }

# --- timing -------------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || echo "failed: $*" >&2; echo $(( ($(date +%s%N) - s) / 1000000 )); }
# alternating runs, so both daemons see the same load
pair() { # RUNS ARGS... -> "libvirtd-median jvirtd-median"
  local n=$1; shift
  local a=() b=()
  for _ in $(seq "$n"); do a+=("$(ms lv "$@")"); b+=("$(ms jv "$@")"); done
  echo "$(median "${a[@]}") $(median "${b[@]}")"
}
lifecycle() { # RUNS TOOL -> "start-median destroy-median" of bench001
  local n=$1 tool=$2 s=() d=()
  for _ in $(seq "$n"); do
    s+=("$(ms "$tool" start bench001)")
    sleep 2
    d+=("$(ms "$tool" destroy bench001)")
    sleep 1
  done
  echo "$(median "${s[@]}") $(median "${d[@]}")"
}
row() { printf '%-28s %12s %12s %8s\n' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }'; }
emit() { row "$1" "$2" "$3" "$(ratio "$2" "$3")"; }

# warm-up, untimed: a daemon that has been up a while has its code compiled (jvirtd's JIT) and caches filled
for _ in $(seq "$warmup"); do for t in lv jv; do $t list --all >/dev/null; $t dominfo bench001 >/dev/null; done; done

echo "virsh $(virsh --version) against libvirtd $(libvirtd --version | awk '{print $NF}') and jvirtd; median wall ms of $runs runs (start/destroy: $start_runs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
row "command" "libvirtd ms" "jvirtd ms" "ratio"
read -r a b < <(pair "$runs" list --all); emit "list --all (100 domains)" "$a" "$b"
read -r a b < <(pair "$runs" dominfo bench001); emit "dominfo bench001" "$a" "$b"
read -r ls ld < <(lifecycle "$start_runs" lv)
read -r js jd < <(lifecycle "$start_runs" jv)
emit "start bench001 (TCG)" "$ls" "$js"
emit "destroy bench001" "$ld" "$jd"
echo "(ratio = jvirtd / libvirtd; runuser alone: $(median $(for _ in 1 2 3 4 5; do ms runuser -u nobody -- true; done)) ms)"
