#!/usr/bin/env bash
# Re-records the real-world domain corpus in this directory with the real tools:
#   virt-install --print-xml  (Debian's virtinst)  ->  NAME.virt-install.xml
#   virsh define + dumpxml --inactive (libvirt)    ->  NAME.dumpxml.xml
# against a PRIVATE libvirt session daemon run as the unprivileged user nobody in a temporary
# directory (never the system daemon); the daemon is killed by its pid file at the end and the
# directory removed. Needs root (to become nobody). To record type='kvm' definitions, as users
# have them, run it with /dev/kvm open to nobody inside a throwaway mount namespace:
#   scripts/with-dev-kvm-mode 0666 domain-xml/src/test/resources/corpus/realworld/record.sh
# Every argument list is a bash array; nothing is eval'ed.
set -euo pipefail
out_dir=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" != 0 ]; then
  echo "$0: needs root (it runs libvirt and virt-install as nobody)" >&2
  exit 1
fi

if [ "${JVIRT_RECORD_NS:-}" != 1 ]; then
  # a private mount namespace: the tmpfs mounts below are seen by nothing else and vanish with it
  exec env JVIRT_RECORD_NS=1 unshare --mount --propagation private -- "$0" "$@"
fi
unset JVIRT_RECORD_NS
# Inside the namespace the definitions get the paths users have: install media and disks in
# /var/lib/libvirt/images, the session user's home in /home/user. Empty files are enough as
# media: nothing is ever started.
img=/var/lib/libvirt/images
mkdir -p "$img" /home
mount -t tmpfs -o mode=0755,size=64m tmpfs "$img"
mount -t tmpfs -o mode=0755,size=64m tmpfs /home
work=/home/user
mkdir -p "$work"/{.config,.cache,.local/share,run,xml,share}
for f in debian-11.11.0-amd64-netinst.iso ubuntu-22.04.5-desktop-amd64.iso Fedora-Workstation-Live-x86_64-37.iso \
    rhel-9.0-x86_64-dvd.iso Win10_22H2_English_x64.iso Win11_23H2_English_x64.iso en_windows_7_sp1_x64.iso \
    debian11-scsi-devices-data.raw virtio-win.iso vmlinuz initrd.img debian-11-genericcloud-amd64.qcow2 ubuntu-22.04-server-cloudimg-amd64.img; do
  : >"$img/$f"
done
media=$img
# SPICE over TLS is off in libvirt's default qemu.conf, and the session daemon then refuses a
# tlsPort; users of it have turned it on
mkdir -p "$work/.config/libvirt" "$work/.config/pki"
printf 'spice_tls = 1\nspice_tls_x509_cert_dir = "%s/.config/pki"\n' "$work" >"$work/.config/libvirt/qemu.conf"
# a throwaway self-signed certificate, so that the live SPICE guest's QEMU can start its TLS port
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/.config/pki/server-key.pem" -out "$work/.config/pki/server-cert.pem" 2>/dev/null
cp "$work/.config/pki/server-cert.pem" "$work/.config/pki/ca-cert.pem"
chown -R nobody:nogroup "$work" "$img"
chmod 0700 "$work/run"

cleanup() {
  local pidfile pid
  for pidfile in "$work"/run/libvirt/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
  umount -l /home "$img"
}
trap cleanup EXIT

as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups
  env HOME="$work" XDG_CONFIG_HOME="$work/.config" XDG_CACHE_HOME="$work/.cache"
  XDG_DATA_HOME="$work/.local/share" XDG_RUNTIME_DIR="$work/run" LC_ALL=C)
virsh=("${as_nobody[@]}" virsh -q -c qemu:///session)
vi=("${as_nobody[@]}" virt-install --connect qemu:///session --print-xml --noautoconsole
  --check disk_size=off)

"${virsh[@]}" version >&2
virt-install --version >&2
"${virsh[@]}" capabilities | grep -o "<domain type='[a-z]*'" | sort -u >&2

# the NICs name the network 'default', as on a system libvirt: define (not start) one
cat >"$work/xml/default-net.xml" <<'NET'
<network><name>default</name><forward mode='nat'/><bridge name='virbr0'/><ip address='192.168.122.1' netmask='255.255.255.0'><dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp></ip></network>
NET
chmod a+r "$work/xml/default-net.xml"
"${virsh[@]}" net-define "$work/xml/default-net.xml" >&2

cat >"$work/xml/user-data" <<'UD'
#cloud-config
hostname: cloudy
users:
  - name: debian
    ssh_authorized_keys:
      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJvirtCorpusKeyNotARealKeyJustForRecording debian@example
UD
printf 'instance-id: cloudy\nlocal-hostname: cloudy\n' >"$work/xml/meta-data"
chmod a+r "$work/xml/user-data" "$work/xml/meta-data"

failures=()
count=0

# record NAME VIRT-INSTALL-ARGS...: the --print-xml output and libvirt's dumpxml of it
record() {
  local name=$1
  shift
  local err="$work/err.txt"
  if ! "${vi[@]}" --name "$name" "$@" >"$work/xml/$name.all" 2>"$err"; then
    failures+=("$name: virt-install: $(tr '\n' ' ' <"$err")")
    return 0
  fi
  # installs in two steps (cloud-init: first boot with the seed, then without) print two
  # documents: NAME-step1, NAME-step2
  local docs
  docs=$(grep -c '^<domain' "$work/xml/$name.all")
  if [ "$docs" = 1 ]; then
    define_and_dump "$name" "$work/xml/$name.all"
  else
    awk -v base="$work/xml/$name-step" '/^<domain/ { n++ } { print > (base n ".xml") }' "$work/xml/$name.all"
    local i
    for i in $(seq "$docs"); do
      define_and_dump "$name-step$i" "$work/xml/$name-step$i.xml"
    done
  fi
}

# define_and_dump FILE-NAME XML: stores XML as FILE-NAME.virt-install.xml, then libvirt's
# dumpxml --inactive of it as FILE-NAME.dumpxml.xml
define_and_dump() {
  local name=$1 xml=$2 err="$work/err.txt" dom
  chmod a+r "$xml"
  cp "$xml" "$out_dir/$name.virt-install.xml"
  count=$((count + 1))
  dom=$(sed -n 's|^  <name>\(.*\)</name>$|\1|p' "$xml" | head -1)
  if ! "${virsh[@]}" define "$xml" >/dev/null 2>"$err"; then
    if [ "$name" = fedora37-virtiofs ] && grep -q 'virtiofs is not yet supported in session mode' "$err"; then
      echo "$name: no dumpxml: libvirt 9.0 has no virtiofs in session mode" >&2
    else
      failures+=("$name: virsh define: $(tr '\n' ' ' <"$err")")
    fi
    return 0
  fi
  "${virsh[@]}" dumpxml --inactive "$dom" >"$out_dir/$name.dumpxml.xml"
  count=$((count + 1))
  "${virsh[@]}" undefine --nvram --tpm "$dom" >/dev/null 2>&1 || "${virsh[@]}" undefine --nvram "$dom" >/dev/null
}

disk() { # disk NAME [EXTRA]: a qcow2 system disk as virt-install users write it; the (empty)
  # file is made first so that virt-install, which creates missing disks even with --print-xml,
  # leaves it alone
  : >"$img/$1.qcow2"
  chown nobody:nogroup "$img/$1.qcow2"
  echo "path=$img/$1.qcow2,format=qcow2${2:+,$2}"
}

# --- Debian (osinfo has no debian12: debian11)
record debian11-netinst --osinfo debian11 --memory 2048 --vcpus 2 --disk "$(disk debian11-netinst)" \
  --cdrom "$media/debian-11.11.0-amd64-netinst.iso" --network network=default --graphics vnc
record debian11-serial --osinfo debian11 --memory 1024 --vcpus 1 --import --disk "$(disk debian11-serial)" \
  --network network=default --graphics none --console pty,target.type=serial
record debian11-uefi --osinfo debian11 --memory 2048 --vcpus 2 --import --disk "$(disk debian11-uefi)" \
  --boot uefi --network network=default --graphics spice
record debian11-cloud-init --osinfo debian11 --memory 1024 --vcpus 2 --import \
  --disk "path=$media/debian-11-genericcloud-amd64.qcow2,format=qcow2,bus=virtio" \
  --cloud-init "user-data=$work/xml/user-data,meta-data=$work/xml/meta-data" --network network=default --graphics none
record debian11-kernel-boot --osinfo debian11 --memory 1024 --vcpus 1 --disk "$(disk debian11-kernel-boot)" \
  --boot "kernel=$media/vmlinuz,initrd=$media/initrd.img,kernel_args=console=ttyS0 root=/dev/vda1" \
  --network network=default --graphics none
record debian11-sysinfo --osinfo debian11 --memory 1024 --vcpus 2 --import --disk "$(disk debian11-sysinfo)" \
  --sysinfo "type=smbios,bios.vendor=jvirt,system.manufacturer=Example Corp,system.product=Corpus VM,system.serial=SN-0042,system.family=Virtual" \
  --network network=default --graphics none --resource partition=/machine
record debian11-scsi-devices --osinfo debian11 --memory 2048 --vcpus 2 --import \
  --controller type=scsi,model=virtio-scsi --disk "$(disk debian11-scsi-devices bus=scsi,cache=none,discard=unmap)" \
  --disk "path=$img/debian11-scsi-devices-data.raw,format=raw,bus=scsi,serial=DATA01" \
  --network network=default --rng /dev/urandom --watchdog i6300esb,action=reset --memballoon virtio \
  --graphics vnc --sound ich9

# --- Ubuntu
record ubuntu22.04-desktop --osinfo ubuntu22.04 --memory 4096 --vcpus 4 --disk "$(disk ubuntu22.04-desktop)" \
  --cdrom "$media/ubuntu-22.04.5-desktop-amd64.iso" --network network=default \
  --graphics spice --video qxl --channel spicevmc --redirdev usb,type=spicevmc --sound ich9
record ubuntu22.04-bridge --osinfo ubuntu22.04 --memory 2048 --vcpus 2 --import --disk "$(disk ubuntu22.04-bridge)" \
  --network bridge=br0,model=virtio,mac=52:54:00:3a:10:01 --graphics none
record ubuntu22.04-cloud-image --osinfo ubuntu22.04 --memory 2048 --vcpus 2 --import \
  --disk "path=$media/ubuntu-22.04-server-cloudimg-amd64.img,format=qcow2" \
  --cloud-init "user-data=$work/xml/user-data" --network network=default --graphics none
record ubuntu22.04-spice-tls --osinfo ubuntu22.04 --memory 2048 --vcpus 2 --import --disk "$(disk ubuntu22.04-spice-tls)" \
  --network network=default --graphics spice,port=5910,tlsport=5911,listen=0.0.0.0 --video virtio
record ubuntu20.04-iothreads --osinfo ubuntu20.04 --memory 2048 --vcpus 2 --import --iothreads 2 \
  --disk "$(disk ubuntu20.04-iothreads driver.iothread=1,io=native,cache=none)" --network network=default,model=virtio \
  --graphics none
record ubuntu20.04-topology --osinfo ubuntu20.04 --memory 2048 --vcpus 4,sockets=1,cores=2,threads=2 --cpu none \
  --import --disk "$(disk ubuntu20.04-topology)" --network network=default --graphics none

# --- Fedora
record fedora37-secureboot --osinfo fedora37 --memory 4096 --vcpus 2 --disk "$(disk fedora37-secureboot)" \
  --cdrom "$media/Fedora-Workstation-Live-x86_64-37.iso" \
  --boot uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=yes,firmware.feature1.name=enrolled-keys,firmware.feature1.enabled=yes \
  --tpm backend.type=emulator,backend.version=2.0,model=tpm-crb --network network=default --graphics spice
record fedora37-virtiofs --osinfo fedora37 --memory 2048 --vcpus 2 --import --disk "$(disk fedora37-virtiofs)" \
  --memorybacking source.type=memfd,access.mode=shared \
  --filesystem "type=mount,source.dir=$work/share,target.dir=share,driver.type=virtiofs" \
  --network network=default --graphics none
record fedora37-hugepages --osinfo fedora37 --memory 4096 --vcpus 2 --import --disk "$(disk fedora37-hugepages)" \
  --memorybacking hugepages=on --memtune hard_limit=5242880 --blkiotune weight=500 --network network=default --graphics vnc

# --- RHEL
record rhel9.0-numa --osinfo rhel9.0 --memory 4096 --vcpus 4 --import --disk "$(disk rhel9.0-numa)" \
  --cpu host-passthrough,cell0.id=0,cell0.cpus=0-1,cell0.memory=2097152,cell1.id=1,cell1.cpus=2-3,cell1.memory=2097152 \
  --numatune 0-1,mode=preferred --network network=default --graphics none
record rhel9.0-pinned --osinfo rhel9.0 --memory 4096 --vcpus 4,sockets=1,cores=4,threads=1 --import \
  --disk "$(disk rhel9.0-pinned)" --cpu host-model \
  --cputune vcpupin0.vcpu=0,vcpupin0.cpuset=0,vcpupin1.vcpu=1,vcpupin1.cpuset=1,vcpupin2.vcpu=2,vcpupin2.cpuset=0,vcpupin3.vcpu=3,vcpupin3.cpuset=1 \
  --network network=default --graphics none
record rhel9.0-pxe --osinfo rhel9.0 --memory 2048 --vcpus 2 --disk "$(disk rhel9.0-pxe)" --pxe \
  --network network=default --graphics vnc
record rhel9.0-dvd --osinfo rhel9.0 --memory 2048 --vcpus 2 --disk "$(disk rhel9.0-dvd)" \
  --cdrom "$media/rhel-9.0-x86_64-dvd.iso" --network network=default --graphics spice
record rhel8.6-custom-cpu --osinfo rhel8.6 --memory 2048 --vcpus 2 --import --disk "$(disk rhel8.6-custom-cpu)" \
  --cpu Skylake-Client-IBRS,+vmx,-hle,disable=rtm --network network=default --graphics none

# --- Windows
record win10 --osinfo win10 --memory 4096 --vcpus 2 --disk "$(disk win10)" \
  --cdrom "$media/Win10_22H2_English_x64.iso" --network network=default --graphics spice
record win10-virtio --osinfo win10 --memory 4096 --vcpus 4 --disk "$(disk win10-virtio bus=virtio)" \
  --cdrom "$media/Win10_22H2_English_x64.iso" --disk "path=$media/virtio-win.iso,device=cdrom" \
  --network network=default,model=virtio --graphics vnc \
  --features kvm.hidden.state=on,kvm.hint-dedicated.state=on,hyperv.synic.state=on,xpath0.set=./hyperv/vendor_id/@state=on,xpath1.set=./hyperv/vendor_id/@value=1234567890ab \
  --clock offset=localtime,hypervclock_present=yes
record win11 --osinfo win11 --memory 4096 --vcpus 2 --disk "$(disk win11)" \
  --cdrom "$media/Win11_23H2_English_x64.iso" --boot uefi \
  --tpm backend.type=emulator,backend.version=2.0,model=tpm-crb --network network=default --graphics spice
record win7 --osinfo win7 --memory 2048 --vcpus 2 --disk "$(disk win7)" \
  --cdrom "$media/en_windows_7_sp1_x64.iso" --network network=default --graphics vnc
record win2k19 --osinfo win2k19 --memory 4096 --vcpus 2 --disk "$(disk win2k19)" --import \
  --network bridge=br0 --graphics vnc

# --- generic and odd ones
record generic-import --osinfo generic --memory 1024 --vcpus 1 --import --disk "$(disk generic-import)" \
  --network network=default --graphics vnc
record generic-i440fx --osinfo generic --machine pc --memory 1024 --vcpus 1 --import --disk "$(disk generic-i440fx)" \
  --network network=default --graphics vnc
record generic-cdrom-pc --osinfo debian11 --machine pc --memory 1024 --vcpus 2 --disk "$(disk generic-cdrom-pc)" \
  --cdrom "$media/debian-11.11.0-amd64-netinst.iso" --network network=default --graphics spice
record generic-qemu-commandline --osinfo debian11 --memory 1024 --vcpus 1 --import --disk "$(disk generic-qemu-commandline)" \
  --network network=default --graphics none --qemu-commandline="-device pvpanic"

# --- live XML: a few guests started for real (TCG, nothing to boot: the firmware just waits),
# dumped while running (ids, aliases, seclabels, pty paths, chosen ports), then destroyed
record_live() {
  local name=$1 err="$work/err.txt"
  shift
  if ! "${vi[@]}" --name "$name" --virt-type qemu "$@" >"$work/xml/$name.xml" 2>"$err"; then
    failures+=("$name: virt-install: $(tr '\n' ' ' <"$err")")
    return 0
  fi
  chmod a+r "$work/xml/$name.xml"
  if ! "${virsh[@]}" define "$work/xml/$name.xml" >/dev/null 2>"$err" \
      || ! "${virsh[@]}" start "$name" >/dev/null 2>"$err"; then
    failures+=("$name: virsh define/start: $(tr '\n' ' ' <"$err")")
    "${virsh[@]}" undefine --nvram "$name" >/dev/null 2>&1 || true
    return 0
  fi
  "${virsh[@]}" dumpxml "$name" >"$out_dir/$name.live.dumpxml.xml"
  count=$((count + 1))
  "${virsh[@]}" destroy "$name" >/dev/null
  "${virsh[@]}" undefine --nvram "$name" >/dev/null
}
record_live live-debian11 --osinfo debian11 --memory 256 --vcpus 2 --import --disk "$(disk live-debian11)" \
  --network user,model=virtio --graphics vnc --boot hd,network --noreboot
record_live live-fedora37-spice --osinfo fedora37 --memory 256 --vcpus 1 --import --disk "$(disk live-fedora37-spice)" \
  --disk "path=$media/Fedora-Workstation-Live-x86_64-37.iso,device=cdrom" --network user --graphics spice --noreboot
record_live live-win10-uefi --osinfo win10 --memory 512 --vcpus 2 --disk "$(disk live-win10-uefi)" --boot uefi \
  --network user --graphics vnc --noreboot

echo "recorded $count files in $out_dir" >&2
if [ ${#failures[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
