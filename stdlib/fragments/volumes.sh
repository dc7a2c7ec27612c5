#!/bin/sh
# Formats (once) and mounts the Cinder volumes Heat attached: the container
# runtime's on /var/lib/containerd, etcd's on /var/lib/etcd. A volume's device
# is /dev/disk/by-id/virtio-<first 20 characters of its id>.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
units=$root/etc/systemd/system
wait_seconds=${HOTC_VOLUME_WAIT:-600}
mount_volume() {
  id=$(cat "$params/$1" 2>/dev/null || true)
  where=$2
  unit=$3
  [ -n "$id" ] || return 0
  case $id in *[!A-Za-z0-9-]*) echo "hotc: not a volume id" >&2; return 1 ;; esac
  device=/dev/disk/by-id/virtio-$(printf '%.20s' "$id")
  waited=0
  until [ -b "$root$device" ]; do
    [ "$waited" -lt "$wait_seconds" ] || { echo "hotc: $device never appeared" >&2; return 1; }
    sleep 5
    waited=$((waited + 5))
  done
  if ! blkid "$root$device" >/dev/null 2>&1; then
    mkfs.xfs "$root$device"
  fi
  mkdir -p "$units" "$root$where"
  cat > "$units/$unit.tmp" <<UNIT
# Written by hotc.
[Unit]
Description=hotc: Cinder volume for $where
Before=containerd.service kubelet.service

[Mount]
What=$device
Where=$where
Type=xfs

[Install]
WantedBy=local-fs.target
UNIT
  if cmp -s "$units/$unit.tmp" "$units/$unit"; then
    rm -f "$units/$unit.tmp"
    return 0
  fi
  mv "$units/$unit.tmp" "$units/$unit"
  systemctl daemon-reload
  systemctl enable --now "$unit"
}
mount_volume container_volume /var/lib/containerd var-lib-containerd.mount
mount_volume etcd_volume /var/lib/etcd var-lib-etcd.mount
