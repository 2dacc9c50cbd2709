import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

const ALICE = 'alice-token-1f0c9e8d7b6a5f4e3d2c1b0a';
const BOB = 'bob-token-0a1b2c3d4e5f6a7b8c9d0e1f2a';
const SINGLE = 'single-api-token-9e8d7c6b5a4f3e2d';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
type Entry = { action: string; actor: string; target: string };
type Silence = { id: string; createdBy: string };

let gateway: TestGateway;
let tokensFile: string;
beforeAll(async () => {
  gateway = await createTestGateway();
  tokensFile = join(await mkdtemp(join(tmpdir(), 'tokens-')), 'tokens.yaml');
  await writeFile(
    tokensFile,
    `tokens:\n  - { name: alice, sha256: ${sha256(ALICE)} }\n  - { name: bob, sha256: ${sha256(BOB)} }\n`,
  );
});
afterAll(() => gateway?.close());

const call = async <T>(app: ReturnType<TestGateway['app']>, path: string, token?: string, init: RequestInit = {}) => {
  const headers = {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(init.body ? { 'content-type': 'application/json' } : {}),
  };
  const res = await app.request(path, { ...init, headers });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
};

describe('named tokens and the audit trail', () => {
  it("records each change by the token's name, whatever name the caller types", async () => {
    const app = gateway.app({ API_TOKENS_FILE: tokensFile, API_TOKEN: SINGLE });
    const created = await call<{ silence: Silence }>(app, '/api/silences', ALICE, {
      method: 'POST',
      body: JSON.stringify({ resource: 'db-*', durationMin: 30, createdBy: 'mallory' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.silence.createdBy).toBe('alice');
    expect((await call(app, `/api/silences/${created.body.silence.id}`, BOB, { method: 'DELETE' })).status).toBe(204);

    const audit = await call<{ entries: Entry[] }>(app, '/api/audit', SINGLE);
    expect(audit.status).toBe(200);
    expect(audit.body.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'silence.deleted', actor: 'bob', target: created.body.silence.id }),
      expect.objectContaining({ action: 'silence.created', actor: 'alice', target: created.body.silence.id }),
    ]);
    const deletions = await call<{ entries: Entry[] }>(app, '/api/audit?action=silence.deleted', ALICE);
    expect(deletions.body.entries.map((e) => e.actor)).toEqual(['bob']);
  });

  it('refuses writes and the trail without a known token', async () => {
    const app = gateway.app({ API_TOKENS_FILE: tokensFile });
    const body = JSON.stringify({ resource: 'db-*', durationMin: 30 });
    expect((await call(app, '/api/silences', undefined, { method: 'POST', body })).status).toBe(401);
    expect((await call(app, '/api/silences', 'not-a-known-token-0123456789', { method: 'POST', body })).status).toBe(
      401,
    );
    expect((await call(app, '/api/audit')).status).toBe(401);
    // Reads stay open by default.
    expect((await call(app, '/api/silences')).status).toBe(200);
  });

  it('closes reads too with API_AUTH=all, except health and the API description', async () => {
    const app = gateway.app({ API_TOKENS_FILE: tokensFile, API_AUTH: 'all' });
    expect((await call(app, '/api/resources')).status).toBe(401);
    expect((await call(app, '/api/resources', BOB)).status).toBe(200);
    expect((await call(app, '/api/health/live')).status).toBe(200);
    expect((await call(app, '/api/openapi.json')).status).toBe(200);
  });

  it('refuses a tokens file with a bad entry, naming the variable', async () => {
    const bad = join(await mkdtemp(join(tmpdir(), 'tokens-')), 'tokens.yaml');
    await writeFile(bad, 'tokens:\n  - { name: carol, sha256: not-a-hash }\n');
    expect(() => gateway.app({ API_TOKENS_FILE: bad })).toThrow(/API_TOKENS_FILE: tokens\.0\.sha256/);
  });
});
