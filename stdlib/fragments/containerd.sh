#!/bin/sh
# Configures containerd for Kubernetes (systemd cgroups, CNI in /opt/cni/bin,
# registry hosts in /etc/containerd/certs.d), the registry mirror for Docker Hub
# and the insecure registries, then (re)starts it when something changed.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
param() { if [ -f "$params/$1" ]; then cat "$params/$1"; fi; }
conf_dir=$root/etc/containerd
hosts_dir=$conf_dir/certs.d
mkdir -p "$hosts_dir"
changed=0
# put TMP TARGET: TMP replaces TARGET if they differ.
put() { if cmp -s "$1" "$2"; then rm -f "$1"; else mv "$1" "$2"; changed=1; fi; }
# Values land in TOML strings: refuse what would need escaping there.
toml_safe() {
  case $1 in *'"'*|*\\*|*'
'*) echo "hotc: a registry value holds a quote, a backslash or a newline" >&2; return 1 ;; esac
}
cat > "$conf_dir/config.toml.tmp" <<'TOML'
# Written by hotc.
version = 2

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.9"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = true

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/opt/cni/bin"
  conf_dir = "/etc/cni/net.d"

[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "/etc/containerd/certs.d"
TOML
put "$conf_dir/config.toml.tmp" "$conf_dir/config.toml"
mirror=$(param registry_mirror)
if [ -n "$mirror" ]; then
  toml_safe "$mirror"
  mkdir -p "$hosts_dir/docker.io"
  {
    echo 'server = "https://registry-1.docker.io"'
    echo
    echo "[host.\"$mirror\"]"
    echo '  capabilities = ["pull", "resolve"]'
  } > "$hosts_dir/docker.io/hosts.toml.tmp"
  put "$hosts_dir/docker.io/hosts.toml.tmp" "$hosts_dir/docker.io/hosts.toml"
elif [ -e "$hosts_dir/docker.io/hosts.toml" ]; then
  rm -f "$hosts_dir/docker.io/hosts.toml"
  changed=1
fi
if [ -s "$params/insecure_registries" ]; then
  while IFS= read -r registry || [ -n "$registry" ]; do
    case $registry in
      '') continue ;;
      *[!A-Za-z0-9.:-]*|-*) echo "hotc: not a registry host" >&2; exit 1 ;;
    esac
    mkdir -p "$hosts_dir/$registry"
    {
      echo "server = \"http://$registry\""
      echo
      echo "[host.\"http://$registry\"]"
      echo '  capabilities = ["pull", "resolve", "push"]'
      echo '  skip_verify = true'
    } > "$hosts_dir/$registry/hosts.toml.tmp"
    put "$hosts_dir/$registry/hosts.toml.tmp" "$hosts_dir/$registry/hosts.toml"
  done < "$params/insecure_registries"
fi
systemctl enable containerd.service
if [ "$changed" = 1 ]; then
  systemctl restart containerd.service
fi
