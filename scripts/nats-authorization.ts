// Writes the production NATS users and their permissions, generated from libs/contracts:
// `npm run nats:authorization` after changing who publishes or consumes what. The partition
// count must be the one the services run with (k8s/base/config.yaml FORECASTER_PARTITIONS).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { busNames, busPermissions } from '@autoscale/contracts';
import { natsAuthorizationManifest } from '@autoscale/bus';

const config = parse(readFileSync('k8s/base/config.yaml', 'utf8')) as { data: Record<string, string> };
const names = busNames(config.data['BUS_NAMESPACE'] ?? '', Number(config.data['FORECASTER_PARTITIONS'] ?? 8));
const file = 'k8s/overlays/production/nats-authorization.yaml';
writeFileSync(file, natsAuthorizationManifest(busPermissions(names)));
console.log(`wrote ${file} (${names.partitions} partitions, namespace "${names.namespace}")`);
