#!/bin/sh
# Brings this node up: runs hotc's fragments in order, then signals Heat's wait
# condition. On failure the wait condition gets FAILURE at once, so the stack
# fails now rather than after its timeout. Every value comes from a file under
# /etc/hotc/params; no value is ever part of the code that runs.
set -eu
root=${HOTC_ROOT:-}
libexec=${HOTC_LIBEXEC:-$root/usr/local/libexec/hotc}
params=$root/etc/hotc/params
role=$(cat "$params/role")
mkdir -p "$root/var/lib/hotc"
# The proxy, for the downloads and API calls of the fragments.
for name in http_proxy https_proxy no_proxy; do
  if [ -s "$params/$name" ]; then
    value=$(cat "$params/$name")
    export "$name=$value"
  fi
done
steps="ca-trust proxy chrony containerd volumes kube-install certs"
case $role in
  master) steps="$steps kube-master addons" ;;
  worker) steps="$steps kube-worker" ;;
  *) echo "hotc: unknown role" >&2; exit 1 ;;
esac
for step in $steps; do
  echo "hotc: $step" >&2
  if ! "$libexec/$step.sh"; then
    "$libexec/signal.sh" FAILURE "$step failed" || true
    exit 1
  fi
done
"$libexec/signal.sh" SUCCESS "$role is up"
touch "$root/var/lib/hotc/bootstrap.done"
