#!/bin/sh
# Brings up a worker: the kubelet with its Magnum-signed client certificate
# (no bootstrap token, no CSR signer needed), pointed at the API address.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
pki=$root/etc/kubernetes/pki
param() { if [ -f "$params/$1" ]; then cat "$params/$1"; fi; }
name=$(param node_name)
address=$(param private_ip)
api=$(param api_address)
for value in "$address" "$api"; do
  case $value in ''|*[!0-9a-fA-F.:]*) echo "hotc: not an IP address" >&2; exit 1 ;; esac
done
case $name in ''|*[!A-Za-z0-9.-]*) echo "hotc: bad node name" >&2; exit 1 ;; esac
dns=$(param portal_network_cidr | awk -F'[./]' '{printf "%d.%d.%d.%d", $1, $2, $3, $4 + 10}')
b64() { base64 -w0 < "$1"; }
etc=$root/etc/kubernetes
mkdir -p "$root/var/lib/kubelet" "$etc/manifests"
changed=0
put() { if cmp -s "$1" "$2"; then rm -f "$1"; else mv "$1" "$2"; changed=1; fi; }
cat > "$etc/kubelet.conf.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: kubernetes
  cluster:
    certificate-authority-data: $(b64 "$pki/ca.crt")
    server: https://$api:6443
contexts:
- name: kubelet
  context:
    cluster: kubernetes
    user: kubelet
current-context: kubelet
users:
- name: kubelet
  user:
    client-certificate-data: $(b64 "$pki/kubelet.crt")
    client-key-data: $(b64 "$pki/kubelet.key")
YAML
chmod 0600 "$etc/kubelet.conf.tmp"
put "$etc/kubelet.conf.tmp" "$etc/kubelet.conf"
cat > "$root/var/lib/kubelet/config.yaml.tmp" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
cgroupDriver: systemd
clusterDNS:
- $dns
clusterDomain: cluster.local
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
staticPodPath: /etc/kubernetes/manifests
tlsCertFile: /etc/kubernetes/pki/kubelet.crt
tlsPrivateKeyFile: /etc/kubernetes/pki/kubelet.key
rotateCertificates: false
YAML
put "$root/var/lib/kubelet/config.yaml.tmp" "$root/var/lib/kubelet/config.yaml"
echo "KUBELET_KUBEADM_ARGS=\"--cloud-provider=external --node-ip=$address --hostname-override=$name\"" \
  > "$root/var/lib/kubelet/kubeadm-flags.env.tmp"
put "$root/var/lib/kubelet/kubeadm-flags.env.tmp" "$root/var/lib/kubelet/kubeadm-flags.env"
if [ "$changed" = 1 ]; then
  systemctl daemon-reload
  systemctl restart kubelet.service
fi
tries=0
until kubectl --kubeconfig "$etc/kubelet.conf" get node "$name" >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "hotc: the node never registered" >&2; exit 1; }
  sleep 5
done
