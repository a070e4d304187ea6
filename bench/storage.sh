#!/usr/bin/env bash
# Storage benchmark (issue #14): volume create, linked-clone create, and upload/download of a
# 1 GiB sparse-ish raw image (--data MiB of random data spread over it, holes between), each
# through jvirt (dist/bin/jvirsh against a session jvirtd of its own), beside qemu-img run
# directly (the floor: create, create -b, convert) and virsh vol-* under a private session
# libvirtd (as uid 65534 with its XDG directories in the temp dir, as bench/console.sh runs it).
# One run each; jvirsh's and virsh's times include their start-up. Ratios are to qemu-img; for
# upload and download its time includes a sync, as jvirt's transfers end with an fsync.
# Usage: bench/storage.sh [--data MiB] [--no-build]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=256
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data=$2; shift ;;
    --no-build) build=0 ;;
    *) echo "usage: bench/storage.sh [--data MiB] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done
. "$here/lib.sh"
[ $build = 1 ] && bench_build
dist="$here/../dist"

tmp=$(mktemp -d /tmp/jvirt-storage-bench.XXXXXX)
chmod 755 "$tmp"
lv=(setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH=/usr/bin:/bin:/usr/sbin:/sbin
    HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/cfg" XDG_CACHE_HOME="$tmp/cache"
    XDG_DATA_HOME="$tmp/data")
virsh=("${lv[@]}" virsh -q -c qemu:///session)
jpid=
cleanup() {
  [ -n "$jpid" ] && kill "$jpid" 2>/dev/null && wait "$jpid" 2>/dev/null || true
  for daemon in libvirtd virtlogd; do
    pidfile="$tmp/run/libvirt/$daemon.pid"
    if [[ -s $pidfile ]]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/home" "$tmp/run" "$tmp/cfg" "$tmp/cache" "$tmp/data" "$tmp/lv-pool" "$tmp/floor" "$tmp/j"
chmod 700 "$tmp/run"
chown -R 65534:65534 "$tmp/home" "$tmp/run" "$tmp/cfg" "$tmp/cache" "$tmp/data" "$tmp/lv-pool"

# the image: 1 GiB, $data MiB of random data in 1 MiB pieces spread evenly
src="$tmp/src.raw"
truncate -s 1G "$src"
stride=$(( 1024 / data ))
for ((i = 0; i < data; i++)); do
  dd if=/dev/urandom of="$src" bs=1M count=1 seek=$(( i * stride )) conv=notrunc status=none
done
chmod 644 "$src"

"$dist/bin/jvirtd" --session --state-dir "$tmp/j/state" --runtime-dir "$tmp/j/run" > "$tmp/jvirtd.log" 2>&1 &
jpid=$!
export JVIRT_DEFAULT_URI="vmm:///session?socket=$tmp/j/run/jvirtd.sock"
for _ in $(seq 1 300); do "$dist/bin/jvirsh" -q uri >/dev/null 2>&1 && break; sleep 0.1; done
jvirsh=("$dist/bin/jvirsh" -q)
"${jvirsh[@]}" pool-list >/dev/null   # makes the default pool

"${virsh[@]}" pool-define-as bench dir --target "$tmp/lv-pool" >/dev/null
"${virsh[@]}" pool-start bench >/dev/null

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
jpool="$tmp/j/state/images"
drop() { sync; }

declare -A t
drop; t[create,q]=$(ms qemu-img create -q -f qcow2 "$tmp/floor/v.qcow2" 10G)
drop; t[create,j]=$(ms "${jvirsh[@]}" vol-create-as default v.qcow2 10G --format qcow2)
drop; t[create,v]=$(ms "${virsh[@]}" vol-create-as bench v.qcow2 10G --format qcow2)
drop; t[clone,q]=$(ms qemu-img create -q -f qcow2 -b "$tmp/floor/v.qcow2" -F qcow2 "$tmp/floor/c.qcow2")
drop; t[clone,j]=$(ms "${jvirsh[@]}" vol-create-as default c.qcow2 10G --format qcow2 --backing-vol v.qcow2 --backing-vol-format qcow2)
drop; t[clone,v]=$(ms "${virsh[@]}" vol-create-as bench c.qcow2 10G --format qcow2 --backing-vol v.qcow2 --backing-vol-format qcow2)

"${jvirsh[@]}" vol-create-as default up.raw 1G >/dev/null
"${virsh[@]}" vol-create-as bench up.raw 1G >/dev/null
# the floor includes a sync: jvirt's upload and download return once the data is on disk (fsync)
drop; t[upload,q]=$(ms sh -c 'qemu-img convert -f raw -O raw "$1" "$2" && sync' - "$src" "$tmp/floor/up.raw")
drop; t[upload,j]=$(ms "${jvirsh[@]}" vol-upload --pool default up.raw "$src")
drop; t[upload,v]=$(ms "${virsh[@]}" vol-upload --pool bench up.raw "$src" --sparse)
cmp "$src" "$jpool/up.raw" || { echo "jvirt's upload differs from the source" >&2; exit 1; }
cmp "$src" "$tmp/lv-pool/up.raw" || { echo "libvirt's upload differs from the source" >&2; exit 1; }

drop; t[download,q]=$(ms sh -c 'qemu-img convert -f raw -O raw "$1" "$2" && sync' - "$jpool/up.raw" "$tmp/floor/down.raw")
drop; t[download,j]=$(ms "${jvirsh[@]}" vol-download --pool default up.raw "$tmp/j-down.raw")
drop; t[download,v]=$(ms "${virsh[@]}" vol-download --pool bench up.raw "$tmp/home/v-down.raw" --sparse)
cmp "$src" "$tmp/j-down.raw" || { echo "jvirt's download differs from the source" >&2; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }
echo "storage benchmark: 1 GiB raw image with $data MiB of data; one run each, milliseconds"
printf '%-22s %10s %10s %10s %12s %12s\n' operation qemu-img jvirt virsh jvirt/qemu virsh/qemu
for op in create clone upload download; do
  printf '%-22s %10s %10s %10s %12s %12s\n' "$op" "${t[$op,q]}" "${t[$op,j]}" "${t[$op,v]}" \
    "$(ratio "${t[$op,j]}" "${t[$op,q]}")" "$(ratio "${t[$op,v]}" "${t[$op,q]}")"
done
echo "jvirt upload allocation: $(du -h "$jpool/up.raw" | cut -f1), libvirt: $(du -h "$tmp/lv-pool/up.raw" | cut -f1), qemu-img: $(du -h "$tmp/floor/up.raw" | cut -f1)"
