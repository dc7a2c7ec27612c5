#!/bin/sh
# Signals Heat's wait condition: signal.sh SUCCESS|FAILURE REASON.
set -eu
root=${HOTC_ROOT:-}
params=$root/etc/hotc/params
status=$1
reason=$2
case $status in SUCCESS|FAILURE) ;; *) echo "hotc: bad status" >&2; exit 2 ;; esac
endpoint=$(cat "$params/wait_endpoint")
token=$(cat "$params/wait_token")
node=$(cat "$params/node_name")
# The reason and the node name are JSON-escaped ("\ first, then ").
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr -d '\000-\037'; }
body=$(printf '{"status": "%s", "reason": "%s", "id": "%s"}' "$status" "$(json_escape "$reason")" "$(json_escape "$node")")
tries=0
until curl --fail --silent --show-error --retry 5 -X POST \
    -H "X-Auth-Token: $token" -H 'Content-Type: application/json' \
    -H 'Accept: application/json' --data-binary "$body" "$endpoint" >/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -lt 10 ] || exit 1
  sleep 10
done
