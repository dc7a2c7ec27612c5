#!/bin/sh
# Brings up a master with kubeadm in external-CA mode: the certificates are the
# Magnum-signed ones certs.sh wrote, so kubeadm only writes the static pods
# (etcd, API server, controller manager, scheduler). Master 0 initialises the
# cluster and installs the pod network; the others join it with the bootstrap
# token, discovering it by the hash of the cluster CA's public key.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
pki=$root/etc/kubernetes/pki
param() { if [ -f "$params/$1" ]; then cat "$params/$1"; fi; }
name=$(param node_name)
index=$(param index)
address=$(param private_ip)
endpoint=$(param api_address)
endpoint=${endpoint:-$address}
token=$(param bootstrap_token)
certificate_key=$(param certificate_key)
for value in "$address" "$endpoint"; do
  case $value in ''|*[!0-9a-fA-F.:]*) echo "hotc: not an IP address" >&2; exit 1 ;; esac
done
case $token in
  *.*.*|*[!a-z0-9.]*) echo "hotc: bad bootstrap token" >&2; exit 1 ;;
  [a-z0-9][a-z0-9][a-z0-9][a-z0-9][a-z0-9][a-z0-9].[a-z0-9]*) ;;
  *) echo "hotc: bad bootstrap token" >&2; exit 1 ;;
esac
case $name in ''|*[!A-Za-z0-9.-]*) echo "hotc: bad node name" >&2; exit 1 ;; esac
case $certificate_key in ''|*[!0-9a-fA-F]*) echo "hotc: bad certificate key" >&2; exit 1 ;; esac
# Values written into kubeadm's YAML below: only characters that need no quoting.
for cidr in "$(param pods_network_cidr)" "$(param portal_network_cidr)"; do
  case $cidr in ''|*[!0-9./]*) echo "hotc: not a CIDR" >&2; exit 1 ;; esac
done
case $(param kube_version) in ''|*[!0-9A-Za-z.+-]*) echo "hotc: bad Kubernetes version" >&2; exit 1 ;; esac
b64() { base64 -w0 < "$1"; }
# kubeconfig FILE USER CERT SERVER
kubeconfig() {
  cat > "$1.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: kubernetes
  cluster:
    certificate-authority-data: $(b64 "$pki/ca.crt")
    server: https://$4:6443
contexts:
- name: $2@kubernetes
  context:
    cluster: kubernetes
    user: $2
current-context: $2@kubernetes
users:
- name: $2
  user:
    client-certificate-data: $(b64 "$3.crt")
    client-key-data: $(b64 "$3.key")
YAML
  chmod 0600 "$1.tmp"
  mv "$1.tmp" "$1"
}
etc=$root/etc/kubernetes
kubeconfig "$etc/admin.conf" kubernetes-admin "$pki/admin" "$endpoint"
kubeconfig "$etc/super-admin.conf" kubernetes-super-admin "$pki/super-admin" "$address"
kubeconfig "$etc/controller-manager.conf" system:kube-controller-manager "$pki/controller-manager" "$address"
kubeconfig "$etc/scheduler.conf" system:kube-scheduler "$pki/scheduler" "$address"
kubeconfig "$etc/kubelet.conf" "system:node:$name" "$pki/kubelet" "$address"
ca_hash=$(openssl x509 -pubkey -noout -in "$pki/ca.crt" | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1)
cat > "$etc/kubeadm.yaml" <<YAML
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
bootstrapTokens:
- token: $token
  ttl: 0s
certificateKey: $certificate_key
localAPIEndpoint:
  advertiseAddress: $address
  bindPort: 6443
nodeRegistration:
  name: $name
  criSocket: unix:///run/containerd/containerd.sock
  kubeletExtraArgs:
    cloud-provider: external
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: $endpoint:6443
    token: $token
    caCertHashes:
    - sha256:$ca_hash
controlPlane:
  certificateKey: $certificate_key
  localAPIEndpoint:
    advertiseAddress: $address
    bindPort: 6443
nodeRegistration:
  name: $name
  criSocket: unix:///run/containerd/containerd.sock
  kubeletExtraArgs:
    cloud-provider: external
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: $(param kube_version)
controlPlaneEndpoint: $endpoint:6443
networking:
  podSubnet: $(param pods_network_cidr)
  serviceSubnet: $(param portal_network_cidr)
  dnsDomain: cluster.local
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: systemd
YAML
if [ ! -e "$etc/manifests/kube-apiserver.yaml" ]; then
  if [ "$index" = 0 ]; then
    kubeadm init --config "$etc/kubeadm.yaml" --upload-certs --ignore-preflight-errors=FileExisting-crictl
  else
    tries=0
    until kubeadm join --config "$etc/kubeadm.yaml" --ignore-preflight-errors=FileExisting-crictl; do
      tries=$((tries + 1))
      [ "$tries" -lt 60 ] || exit 1
      kubeadm reset --force >/dev/null 2>&1 || true
      sleep 20
    done
  fi
fi
tries=0
until kubectl --kubeconfig "$etc/admin.conf" get --raw=/readyz >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "hotc: the API never became ready" >&2; exit 1; }
  sleep 5
done
