#!/bin/sh
# Writes the proxy as systemd drop-ins for containerd and the kubelet. NO_PROXY
# gets the cluster's own networks and names, so that cluster traffic never goes
# through the proxy. Without a proxy the drop-ins are removed.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
param() { if [ -f "$params/$1" ]; then cat "$params/$1"; fi; }
http=$(param http_proxy)
https=$(param https_proxy)
no_proxy=$(param no_proxy)
for extra in localhost 127.0.0.1 .svc .cluster.local "$(param fixed_subnet_cidr)" \
    "$(param pods_network_cidr)" "$(param portal_network_cidr)" "$(param api_address)"; do
  if [ -n "$extra" ]; then
    no_proxy=${no_proxy:+$no_proxy,}$extra
  fi
done
# systemd cannot hold a newline in Environment=: refuse it before writing.
for value in "$http" "$https" "$no_proxy"; do
  case $value in *'
'*) echo "hotc: a proxy setting holds a newline" >&2; exit 1 ;; esac
done
# One value in systemd's double quotes: \ and " escaped, % doubled (specifiers).
systemd_quote() {
  case $2 in *'
'*) echo "hotc: $1 holds a newline" >&2; return 1 ;; esac
  printf '"%s=%s"' "$1" "$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/%/%%/g')"
}
changed=0
for unit in containerd kubelet; do
  dir=$root/etc/systemd/system/$unit.service.d
  file=$dir/90-hotc-proxy.conf
  if [ -z "$http$https" ]; then
    if [ -e "$file" ]; then
      rm -f "$file"
      changed=1
    fi
    continue
  fi
  mkdir -p "$dir"
  {
    echo '# Written by hotc: the proxy of the cluster template or the spec.'
    echo '[Service]'
    line="Environment="
    [ -z "$http" ] || line="$line$(systemd_quote HTTP_PROXY "$http") $(systemd_quote http_proxy "$http") "
    [ -z "$https" ] || line="$line$(systemd_quote HTTPS_PROXY "$https") $(systemd_quote https_proxy "$https") "
    line="$line$(systemd_quote NO_PROXY "$no_proxy") $(systemd_quote no_proxy "$no_proxy")"
    printf '%s\n' "$line"
  } > "$file.tmp"
  if cmp -s "$file.tmp" "$file"; then
    rm -f "$file.tmp"
  else
    mv "$file.tmp" "$file"
    changed=1
  fi
done
if [ "$changed" = 1 ]; then
  systemctl daemon-reload
fi
