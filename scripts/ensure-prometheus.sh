#!/usr/bin/env bash
# Installs Debian's Prometheus, node_exporter and Alertmanager for the integration tests when
# any of them is missing; a no-op when all four binaries are there. The packages start system
# services on install: the tests never use those, they start their own on free ports.
set -euo pipefail
missing=0
for bin in promtool prometheus prometheus-node-exporter; do
  command -v "$bin" >/dev/null 2>&1 || missing=1
done
[ -x /usr/bin/prometheus-alertmanager ] || missing=1
if [ "$missing" = 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "prometheus, node_exporter or alertmanager is missing and this is not root: run 'apt-get install -y prometheus prometheus-node-exporter prometheus-alertmanager' first" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus prometheus-node-exporter prometheus-alertmanager
