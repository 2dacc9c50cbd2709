#!/usr/bin/env node
// Liveness probe for the services without HTTP (collector, forecaster, alerter), run by
// Kubernetes exec probes, Compose healthchecks and the image's HEALTHCHECK:
//   node scripts/probe-liveness.mjs <file> <maxAgeSec>
// Exits 0 when <file> (kept fresh by the service's startLivenessFile, LIVENESS_FILE) holds a
// time at most <maxAgeSec> old; exits 1 naming the reason otherwise. Defaults:
// $LIVENESS_FILE and 30 s.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? process.env.LIVENESS_FILE;
const maxAgeSec = Number(process.argv[3] ?? 30);
if (!file || !(maxAgeSec > 0)) {
  console.error('usage: probe-liveness.mjs <file> <maxAgeSec> (or LIVENESS_FILE set)');
  process.exit(2);
}

let written;
try {
  written = Number(readFileSync(file, 'utf8').trim());
} catch (error) {
  console.error(
    `not live: ${file} unreadable (${error.code ?? error.message}); the service has not passed a check yet or its loop ended`,
  );
  process.exit(1);
}
const ageSec = (Date.now() - written) / 1000;
if (!Number.isFinite(ageSec) || ageSec > maxAgeSec) {
  console.error(
    `not live: ${file} last written ${Number.isFinite(ageSec) ? `${ageSec.toFixed(1)} s ago` : 'never'} (limit ${maxAgeSec} s)`,
  );
  process.exit(1);
}
console.log(`live: ${file} written ${ageSec.toFixed(1)} s ago`);
