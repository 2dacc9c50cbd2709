import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from './kustomize';
import { ROOT } from './repo';

/**
 * The Secrets an operator creates for the production overlay, made as docs/SECURITY.md says:
 * `scripts/production-secrets.sh` with the managed database's URL. The overlay itself holds
 * none, so the checks of the rendered production add these.
 *
 * @example
 * const production = [...renderKustomization('k8s/overlays/production'), ...generatedProductionSecrets()];
 */
export function generatedProductionSecrets(
  databaseUrl = `postgres://autoscale:${randomBytes(16).toString('hex')}@autoscale-db.cluster-prod.internal:5432/autoscale`,
): K8sObject[] {
  const yaml = execFileSync('bash', ['scripts/production-secrets.sh'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: databaseUrl },
  });
  return parseAllDocuments(yaml)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}
