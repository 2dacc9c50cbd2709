import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway } from '../testing/test-gateway';
import type { TestGateway } from '../testing/test-gateway';

let gateway: TestGateway;
let app: ReturnType<TestGateway['app']>;

beforeAll(async () => {
  gateway = await createTestGateway();
  app = gateway.app();
});
afterAll(() => gateway?.close());

/** Every URL the page loads by itself: scripts, style sheets, icons. */
const referencedUrls = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

describe('GET /api/docs', () => {
  it('serves a page that loads only files of this gateway, under its content security policy', async () => {
    const res = await app.request('/api/docs');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const urls = referencedUrls(await res.text());
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(new URL(url, 'http://gateway.test').origin, url).toBe('http://gateway.test');
  });

  it('serves every file the page loads, with its content type', async () => {
    const urls = referencedUrls(await (await app.request('/api/docs')).text());
    const types: Record<string, RegExp> = { '.css': /^text\/css/, '.js': /^text\/javascript/ };

    for (const url of urls) {
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toMatch(types[url.slice(url.lastIndexOf('.'))]!);
      expect((await res.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it('starts Swagger UI on this gateway’s document, without the online validator', async () => {
    const urls = referencedUrls(await (await app.request('/api/docs')).text());
    const scripts = await Promise.all(
      urls.filter((u) => u.endsWith('.js')).map(async (u) => (await app.request(u)).text()),
    );

    expect(
      scripts.some(
        (s) =>
          s.includes('SwaggerUIBundle({') && s.includes("url: '/api/openapi.json'") && s.includes('validatorUrl: null'),
      ),
    ).toBe(true);
    expect((await app.request('/api/openapi.json')).status).toBe(200);
  });

  it('answers an unchanged file with 304 to a browser that has it', async () => {
    const first = await app.request('/api/docs/swagger-ui.css');
    const etag = first.headers.get('etag')!;

    const again = await app.request('/api/docs/swagger-ui.css', { headers: { 'if-none-match': etag } });

    expect(again.status).toBe(304);
  });
});
