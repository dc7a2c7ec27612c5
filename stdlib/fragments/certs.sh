#!/bin/sh
# Gets this node's certificates from Magnum's certificate API, so that they
# chain to the cluster's CAs (as `openstack coe cluster config` and Magnum's
# health monitor expect): a Keystone token from the cluster's trust, the CAs,
# then one key and CSR per certificate, signed by Magnum. Keys never leave the
# node. Existing valid certificates are kept.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
pki=$root/etc/kubernetes/pki
param() { if [ -f "$params/$1" ]; then cat "$params/$1"; fi; }
role=$(param role)
name=$(param node_name)
auth_url=$(param auth_url)
magnum_url=$(param magnum_url)
cluster=$(param cluster_uuid)
insecure=
case $(param verify_ca) in False|false) insecure=--insecure ;; esac
# The cluster's id goes into URLs and the node's name into certificate
# subjects: only the characters Magnum and Heat give them.
case $cluster in ''|*[!0-9a-fA-F-]*) echo "hotc: bad cluster id" >&2; exit 1 ;; esac
case $name in ''|*[!A-Za-z0-9.-]*) echo "hotc: bad node name" >&2; exit 1 ;; esac
mkdir -p "$pki/etcd"
chmod 0700 "$pki"
# A JSON string's contents: \ and " escaped, tabs, carriage returns and line
# ends written as escapes; other control characters are refused.
json_escape() {
  if [ "$(printf '%s' "$1" | LC_ALL=C tr -d '\001-\010\013\014\016-\037' | wc -c)" != "$(printf '%s' "$1" | wc -c)" ]; then
    echo "hotc: a value holds a control character" >&2
    return 1
  fi
  printf '%s\n' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$(printf '\t')/\\\\t/g" -e "s/$(printf '\r')/\\\\r/g" \
    | awk 'NR > 1 {printf "\\n"} {printf "%s", $0}'
}
json_pem() { sed -n 's/.*"pem": *"\([^"]*\)".*/\1/p' | sed 's/\\n/\n/g'; }
api() { curl --fail --silent --show-error --retry 5 $insecure --cacert "$root/etc/kubernetes/ca-bundle.crt" "$@"; }
user_id=$(json_escape "$(param trustee_user_id)")
password=$(json_escape "$(param trustee_password)")
trust=$(json_escape "$(param trust_id)")
body=$(printf '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"id": "%s", "password": "%s"}}}, "scope": {"OS-TRUST:trust": {"id": "%s"}}}}' \
  "$user_id" "$password" "$trust")
token=$(api -D - -o /dev/null -H 'Content-Type: application/json' --data-binary "$body" "$auth_url/auth/tokens" \
  | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: *\([^[:space:]]*\).*/\1/p')
[ -n "$token" ] || { echo "hotc: no token from Keystone" >&2; exit 1; }
fetch_ca() {
  api -H "X-Auth-Token: $token" -H 'OpenStack-API-Version: container-infra latest' \
    "$magnum_url/certificates/$cluster?ca_cert_type=$1" | json_pem > "$2.tmp"
  mv "$2.tmp" "$2"
}
# sign TYPE FILE SUBJECT [SANS]: a key and a certificate FILE.key/FILE.crt.
sign() {
  if [ -s "$2.crt" ] && openssl verify -CAfile "$3" "$2.crt" >/dev/null 2>&1; then
    return 0
  fi
  [ -s "$2.key" ] || openssl genrsa -out "$2.key" 2048 2>/dev/null
  chmod 0600 "$2.key"
  if [ -n "${5:-}" ]; then
    openssl req -new -key "$2.key" -subj "$4" -addext "subjectAltName=$5" \
      -addext "extendedKeyUsage=serverAuth,clientAuth" -out "$2.csr"
  else
    openssl req -new -key "$2.key" -subj "$4" -addext "extendedKeyUsage=clientAuth" -out "$2.csr"
  fi
  csr=$(json_escape "$(cat "$2.csr")")
  request=$(printf '{"cluster_uuid": "%s", "ca_cert_type": "%s", "csr": "%s"}' "$cluster" "$1" "$csr")
  api -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -H 'OpenStack-API-Version: container-infra latest' \
    --data-binary "$request" "$magnum_url/certificates" | json_pem > "$2.crt.tmp"
  openssl verify -CAfile "$3" "$2.crt.tmp" >/dev/null
  mv "$2.crt.tmp" "$2.crt"
  rm -f "$2.csr"
}
fetch_ca kubelet "$pki/ca.crt"
address=$(param private_ip)
if [ "$role" = master ]; then
  fetch_ca etcd "$pki/etcd/ca.crt"
  fetch_ca front-proxy "$pki/front-proxy-ca.crt"
  service_ip=$(param portal_network_cidr | awk -F'[./]' '{printf "%d.%d.%d.%d", $1, $2, $3, $4 + 1}')
  sans="DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:$name,DNS:localhost,IP:127.0.0.1,IP:$service_ip"
  [ -z "$address" ] || sans="$sans,IP:$address"
  for extra in "$(param api_address)" "$(param api_public_address)"; do
    [ -z "$extra" ] || sans="$sans,IP:$extra"
  done
  sign kubelet "$pki/apiserver" "$pki/ca.crt" /CN=kube-apiserver "$sans"
  sign kubelet "$pki/apiserver-kubelet-client" "$pki/ca.crt" "/O=kubeadm:cluster-admins/CN=kube-apiserver-kubelet-client"
  sign front-proxy "$pki/front-proxy-client" "$pki/front-proxy-ca.crt" /CN=front-proxy-client
  etcd_sans="DNS:$name,DNS:localhost,IP:127.0.0.1"
  [ -z "$address" ] || etcd_sans="$etcd_sans,IP:$address"
  sign etcd "$pki/etcd/server" "$pki/etcd/ca.crt" "/CN=$name" "$etcd_sans"
  sign etcd "$pki/etcd/peer" "$pki/etcd/ca.crt" "/CN=$name" "$etcd_sans"
  sign etcd "$pki/etcd/healthcheck-client" "$pki/etcd/ca.crt" /CN=kube-etcd-healthcheck-client
  sign etcd "$pki/apiserver-etcd-client" "$pki/etcd/ca.crt" /CN=kube-apiserver-etcd-client
  sign kubelet "$pki/admin" "$pki/ca.crt" "/O=kubeadm:cluster-admins/CN=kubernetes-admin"
  sign kubelet "$pki/super-admin" "$pki/ca.crt" "/O=system:masters/CN=kubernetes-super-admin"
  sign kubelet "$pki/controller-manager" "$pki/ca.crt" /CN=system:kube-controller-manager
  sign kubelet "$pki/scheduler" "$pki/ca.crt" /CN=system:kube-scheduler
fi
sign kubelet "$pki/kubelet" "$pki/ca.crt" "/O=system:nodes/CN=system:node:$name" "DNS:$name${address:+,IP:$address}"
