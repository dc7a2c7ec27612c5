#!/bin/sh
# Installs the CA certificates embedded in the driver and Magnum's OpenStack CA
# into the system trust store, and copies the bundle where Kubernetes
# components look for it. Idempotent: the store is rebuilt only on a change.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
anchors=$root/etc/pki/ca-trust/source/anchors
mkdir -p "$anchors" "$root/etc/kubernetes"
changed=0
install_pem() {
  source=$1
  target=$anchors/$2
  if [ ! -s "$source" ]; then
    return 0
  fi
  if ! grep -q -e '-----BEGIN CERTIFICATE-----' "$source"; then
    echo "hotc: $source holds no certificate" >&2
    return 1
  fi
  if ! cmp -s "$source" "$target"; then
    cp "$source" "$target.tmp"
    chmod 0644 "$target.tmp"
    mv "$target.tmp" "$target"
    changed=1
  fi
}
install_pem "$root/etc/hotc/ca/extra-ca.pem" hotc-extra-ca.pem
install_pem "$params/openstack_ca" hotc-openstack-ca.pem
if [ "$changed" = 1 ] || [ ! -s "$root/etc/kubernetes/ca-bundle.crt" ]; then
  update-ca-trust extract
  cp "$root/etc/pki/tls/certs/ca-bundle.crt" "$root/etc/kubernetes/ca-bundle.crt"
fi
