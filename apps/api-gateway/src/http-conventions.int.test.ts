import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway } from './testing/test-gateway';
import type { TestGateway } from './testing/test-gateway';

type ErrorBody = { error: { code: string; message: string } };

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await createTestGateway();
});
afterAll(() => gateway?.close());

describe('CORS', () => {
  it('sends no CORS headers when CORS_ORIGINS is unset', async () => {
    const res = await gateway.app().request('/api/config', { headers: { origin: 'https://ops.example.test' } });

    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a listed origin, with a preflight that permits the Authorization header', async () => {
    const app = gateway.app({ CORS_ORIGINS: 'https://ops.example.test, http://localhost:5173' });

    const res = await app.request('/api/config', { headers: { origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const preflight = await app.request('/api/alerts', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ops.example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://ops.example.test');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('does not allow an origin that is not listed', async () => {
    const app = gateway.app({ CORS_ORIGINS: 'https://ops.example.test' });

    const res = await app.request('/api/config', { headers: { origin: 'https://evil.example.test' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('error messages', () => {
  it.each([
    ['/api/alerts?limit=abc', 'limit must be a finite number'],
    ['/api/alerts?limit=2.5', 'limit must be a whole number'],
    ['/api/alerts?limit=0', 'limit must be at least 1'],
    ['/api/alerts?limit=501', 'limit must be at most 500'],
    ['/api/metrics?range=2h', 'range must be one of 1h, 6h, 24h'],
    [`/api/forecast?resource_id=${'x'.repeat(257)}`, 'resource_id must be at most 256 characters long'],
    ['/api/forecast?resource_id=a%00', 'resource_id must not contain the NUL character'],
  ])('answers %s with "%s", in the product\'s words', async (path, message) => {
    const res = await gateway.app().request(path);

    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.message).toBe(message);
    expect(error.message).not.toMatch(/expected|received|Invalid input/);
  });
});

describe('the dashboard', () => {
  it('answers / with a clear 404 when the dashboard was not built into the folder given', async () => {
    const res = await gateway.app().request('/');

    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.message).toContain('dashboard is not built');
  });
});

describe('request bodies', () => {
  const silence = { resource: 'db-*', metric: '*', durationMin: 10, createdBy: 'ana' };

  it('refuses a body declared larger than 64 KB with 413 in the error shape, token or not', async () => {
    const res = await gateway.app({ API_TOKEN: 'secret-token-of-at-least-24-characters' }).request('/api/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      body: JSON.stringify(silence),
    });

    expect(res.status).toBe(413);
    const { error } = (await res.json()) as ErrorBody;
    expect(error).toEqual({ code: 'payload_too_large', message: 'the body must be at most 64 KB' });
  });

  it('stops reading a streamed body once it passes 64 KB, never reading it whole', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        controller.enqueue(chunk);
        if (sent >= 50 * 1024 * 1024) controller.close();
      },
    });
    const res = await gateway.app().request('/api/alerts/x/ack', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);

    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large');
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it('reads a body under 64 KB as before', async () => {
    const res = await gateway.app().request('/api/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...silence, comment: 'x'.repeat(60 * 1024) }),
    });

    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});
