import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execForm, parseDockerfile } from './dockerfile';
import type { Stage } from './dockerfile';
import { ROOT } from './repo';
import { SERVICES } from './service-schemas';

// No container engine runs here, so the Dockerfile is checked by its structure, not built.
const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const stage = (name: string) => stages.find((s) => s.name === name);
const instructions = (s: Stage | undefined, keyword: string) =>
  (s?.instructions ?? []).filter((i) => i.keyword === keyword);
/** A service stage's instructions, with those it inherits from `runtime` first. */
const effective = (service: string, keyword: string) => [
  ...instructions(stage('runtime'), keyword),
  ...instructions(stage(service), keyword),
];

describe('Dockerfile', () => {
  it('has a build stage, a shared runtime stage and one target per service built on it', () => {
    expect(stages.map((s) => s.name)).toEqual([
      'build',
      'runtime',
      'collector',
      'forecaster',
      'alerter',
      'scaler',
      'api-gateway',
    ]);
    // The scaler is optional (docs/scaling.md): built like the others, not in compose.
    for (const service of [...SERVICES, 'scaler']) expect(stage(service)?.from).toBe('runtime');
  });

  it('builds on Node 22, the version CI tests', () => {
    const arg =
      stages.length > 0
        ? readFileSync(join(ROOT, 'Dockerfile'), 'utf8').match(/^ARG NODE_IMAGE=(\S+)$/m)?.[1]
        : undefined;
    expect(arg).toMatch(/^node:22[.-]/);
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('22');
  });

  it('ships production dependencies only: the build prunes dev dependencies before the runtime copies node_modules', () => {
    const run = instructions(stage('build'), 'RUN')
      .map((i) => i.args)
      .join(' ');
    expect(run).toMatch(/npm ci .*nx run-many -t build .*npm prune --omit=dev/);
    expect(instructions(stage('runtime'), 'COPY').map((i) => i.args)).toContain(
      '--from=build /app/node_modules ./node_modules',
    );
  });

  it('keeps swagger-ui-dist, whose files the gateway serves at /api/docs, a production dependency: the image has it', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(dependencies)).toContain('swagger-ui-dist');
  });

  it('runs every service as a numeric non-root user', () => {
    for (const service of SERVICES) {
      const users = effective(service, 'USER').map((i) => i.args);
      expect(users.at(-1), service).toMatch(/^[1-9]\d*(:\d+)?$/);
    }
  });

  it('starts each service with an exec-form ENTRYPOINT, source maps on, so SIGTERM reaches Node', () => {
    for (const service of SERVICES) {
      const entrypoint = instructions(stage(service), 'ENTRYPOINT');
      expect(entrypoint, service).toHaveLength(1);
      expect(execForm(entrypoint[0]!.args)).toEqual(['node', '--enable-source-maps', `apps/${service}/dist/main.js`]);
      expect(instructions(stage(service), 'COPY').map((i) => i.args)).toContain(
        `--from=build /app/apps/${service}/dist ./apps/${service}/dist`,
      );
    }
  });

  it('gives each service an exec-form HEALTHCHECK: the liveness file, or /api/health/live for the gateway', () => {
    for (const service of SERVICES) {
      const healthcheck = instructions(stage(service), 'HEALTHCHECK');
      expect(healthcheck, service).toHaveLength(1);
      const command = execForm(healthcheck[0]!.args.replace(/^(--\S+\s+)*CMD\s+/, ''));
      expect(command?.[0], service).toBe('node');
      const expected = service === 'api-gateway' ? '/api/health/live' : 'scripts/probe-liveness.mjs';
      expect(command?.join(' '), service).toContain(expected);
    }
    expect(instructions(stage('runtime'), 'COPY').map((i) => i.args)).toContain(
      '--from=build /app/scripts/probe-liveness.mjs ./scripts/probe-liveness.mjs',
    );
    expect(
      instructions(stage('runtime'), 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toContain('LIVENESS_FILE=/tmp/autoscale.alive');
  });

  it('labels the image with the OCI annotations', () => {
    const labels = instructions(stage('runtime'), 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const key of ['title', 'description', 'version', 'revision', 'licenses', 'source']) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('keeps the build context lean and free of secrets (.dockerignore)', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git', '.env', '.nx']) expect(ignored).toContain(entry);
    expect(existsSync(join(ROOT, 'scripts/probe-liveness.mjs'))).toBe(true);
  });
});
