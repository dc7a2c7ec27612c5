#!/bin/sh
# Points chrony at the spec's NTP servers (one per line in ntp_servers). Without
# servers the image's configuration is kept. Restarts chronyd only on a change.
set -eu
root=${HOTC_ROOT:-}
list=$root/etc/hotc/params/ntp_servers
conf=$root/etc/chrony.conf
if [ ! -s "$list" ]; then
  exit 0
fi
{
  echo '# Written by hotc: the NTP servers of the driver spec.'
  while IFS= read -r server || [ -n "$server" ]; do
    case $server in
      '') continue ;;
      *[!A-Za-z0-9.:-]*|-*)
        echo "hotc: not an NTP server name" >&2
        exit 1 ;;
    esac
    echo "server $server iburst"
  done < "$list"
  echo 'driftfile /var/lib/chrony/drift'
  echo 'makestep 1.0 3'
  echo 'rtcsync'
  echo 'logdir /var/log/chrony'
} > "$conf.tmp"
if cmp -s "$conf.tmp" "$conf"; then
  rm -f "$conf.tmp"
  exit 0
fi
mv "$conf.tmp" "$conf"
systemctl restart chronyd.service
