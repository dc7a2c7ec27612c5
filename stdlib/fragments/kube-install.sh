#!/bin/sh
# Installs kubeadm, kubelet and kubectl of the cluster's Kubernetes version
# (checked against their published SHA-256), the image's CNI plugins, and the
# kubelet's systemd unit. Idempotent: binaries already at that version stay.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
version=$(cat "$params/kube_version")
base=$(cat "$params/kube_download_url")
# A release name only: it becomes part of a URL.
case $version in
  *[!0-9A-Za-z.+-]*|*..*) echo "hotc: bad Kubernetes version" >&2; exit 1 ;;
  v[0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "hotc: bad Kubernetes version" >&2; exit 1 ;;
esac
case $base in
  https://*|http://*) ;;
  *) echo "hotc: bad download URL" >&2; exit 1 ;;
esac
bin=$root/usr/local/bin
mkdir -p "$bin" "$root/opt/cni/bin" "$root/var/lib/hotc"
stamp=$root/var/lib/hotc/kubernetes-version
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$version" ]; then
  for tool in kubeadm kubelet kubectl; do
    url=$base/release/$version/bin/linux/amd64/$tool
    curl --fail --silent --show-error --location --retry 5 -o "$bin/$tool.tmp" "$url"
    sum=$(curl --fail --silent --show-error --location --retry 5 "$url.sha256")
    echo "$sum  $bin/$tool.tmp" | sha256sum -c - >/dev/null
    chmod 0755 "$bin/$tool.tmp"
    mv "$bin/$tool.tmp" "$bin/$tool"
  done
  echo "$version" > "$stamp"
fi
if [ -d "$root/usr/libexec/cni" ]; then
  cp -n "$root"/usr/libexec/cni/* "$root/opt/cni/bin/" 2>/dev/null || true
fi
units=$root/etc/systemd/system
mkdir -p "$units/kubelet.service.d"
changed=0
put() { if cmp -s "$1" "$2"; then rm -f "$1"; else mv "$1" "$2"; changed=1; fi; }
cat > "$units/kubelet.service.tmp" <<'UNIT'
# Written by hotc.
[Unit]
Description=Kubernetes kubelet
Wants=network-online.target containerd.service
After=network-online.target containerd.service

[Service]
ExecStart=/usr/local/bin/kubelet
Restart=always
RestartSec=10

[Install]
WantedBy=multi-user.target
UNIT
put "$units/kubelet.service.tmp" "$units/kubelet.service"
cat > "$units/kubelet.service.d/10-hotc.conf.tmp" <<'UNIT'
# Written by hotc: the kubelet's configuration files (kubeadm's layout).
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
ExecStart=
ExecStart=/usr/local/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS
UNIT
put "$units/kubelet.service.d/10-hotc.conf.tmp" "$units/kubelet.service.d/10-hotc.conf"
if [ "$changed" = 1 ]; then
  systemctl daemon-reload
fi
systemctl enable kubelet.service
