#!/bin/sh
# On master 0: the pod network, and cloud-provider-openstack's cloud controller
# manager (with Octavia load balancers for Services) and Cinder CSI, configured
# with the cluster's trust. Applying is idempotent (kubectl apply).
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
param() { if [ -f "$params/$1" ]; then cat "$params/$1"; fi; }
[ "$(param index)" = 0 ] || exit 0
kubectl() { command kubectl --kubeconfig "$root/etc/kubernetes/admin.conf" "$@"; }
work=$root/var/lib/hotc/addons
mkdir -p "$work"
case $(param network_driver) in
  calico)
    curl --fail --silent --show-error --location --retry 5 -o "$work/network.yaml" "$(param calico_manifest_url)" ;;
  flannel)
    curl --fail --silent --show-error --location --retry 5 -o "$work/network.yaml.tmp" "$(param flannel_manifest_url)"
    cidr=$(param pods_network_cidr)
    case $cidr in ''|*[!0-9./]*) echo "hotc: bad pod CIDR" >&2; exit 1 ;; esac
    sed "s|10.244.0.0/16|$cidr|" "$work/network.yaml.tmp" > "$work/network.yaml" ;;
  *) echo "hotc: unknown network driver" >&2; exit 1 ;;
esac
kubectl apply -f "$work/network.yaml"
[ "$(param addon_cloud_controller_manager)" = true ] || exit 0
# gcfg strings: quoted, with \ and " escaped; a newline cannot be written.
gcfg() {
  case $2 in *'
'*) echo "hotc: $1 holds a newline" >&2; return 1 ;; esac
  printf '%s = "%s"\n' "$1" "$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}
lb=false
[ "$(param addon_octavia_services)" != true ] || lb=true
{
  echo '[Global]'
  gcfg auth-url "$(param auth_url)"
  gcfg user-id "$(param trustee_user_id)"
  gcfg password "$(param trustee_password)"
  gcfg trust-id "$(param trust_id)"
  gcfg region "$(param region_name)"
  gcfg ca-file /etc/kubernetes/pki/openstack-ca-bundle.crt
  echo
  echo '[LoadBalancer]'
  echo "enabled = $lb"
  gcfg subnet-id "$(param subnet)"
  echo
  echo '[BlockStorage]'
  echo 'ignore-volume-az = true'
} > "$work/cloud.conf"
chmod 0600 "$work/cloud.conf"
cp "$root/etc/kubernetes/ca-bundle.crt" "$root/etc/kubernetes/pki/openstack-ca-bundle.crt"
kubectl -n kube-system create secret generic cloud-config --from-file=cloud.conf="$work/cloud.conf" \
  --dry-run=client -o yaml > "$work/cloud-config.yaml"
kubectl apply -f "$work/cloud-config.yaml"
base=$(param cloud_provider_manifests_url)
for manifest in controller-manager/cloud-controller-manager-roles.yaml \
    controller-manager/cloud-controller-manager-role-bindings.yaml \
    controller-manager/openstack-cloud-controller-manager-ds.yaml; do
  kubectl apply -f "$base/$manifest"
done
if [ "$(param addon_cinder_csi)" = true ]; then
  for manifest in cinder-csi-plugin/cinder-csi-controllerplugin-rbac.yaml \
      cinder-csi-plugin/cinder-csi-controllerplugin.yaml \
      cinder-csi-plugin/cinder-csi-nodeplugin-rbac.yaml \
      cinder-csi-plugin/cinder-csi-nodeplugin.yaml \
      cinder-csi-plugin/csi-cinder-driver.yaml; do
    kubectl apply -f "$base/$manifest"
  done
  cat > "$work/storage-class.yaml" <<'YAML'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: cinder
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: cinder.csi.openstack.org
allowVolumeExpansion: true
YAML
  kubectl apply -f "$work/storage-class.yaml"
fi
