#!/usr/bin/env bash
# Installs Debian's prometheus, prometheus-node-exporter and prometheus-alertmanager (which
# bring promtool) when any of their binaries is missing; a no-op otherwise. Called by the
# setup of the tests that need them, as scripts/ensure-chromium.sh is for the browser.
# The packages start system services on install: tests start their own processes on free
# ports and never depend on those.
set -euo pipefail
if command -v promtool >/dev/null && command -v prometheus >/dev/null \
  && [ -x /usr/bin/prometheus-alertmanager ] && command -v prometheus-node-exporter >/dev/null; then
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus prometheus-node-exporter prometheus-alertmanager
