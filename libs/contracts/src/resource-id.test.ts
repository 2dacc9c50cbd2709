import { describe, expect, it } from 'vitest';
import { decodeSubjectToken, encodeSubjectToken } from './resource-id';

const SAFE_TOKEN = /^[A-Za-z0-9_~-]+$/;

const awkwardIds = [
  'web.01',
  'i-0abc123def456',
  'projects/demo/zones/europe-west1-b/instances/db 1',
  'host with  spaces',
  'wild*card',
  'tail>',
  'a.*.>',
  'tilde~already~2E',
  'tab\tand\nnewline',
  'ünïcödé-höst',
  'サーバー',
  'emoji-🚀-node',
  '%2E-percent',
];

describe('encodeSubjectToken', () => {
  it('leaves ids made of letters, digits, _ and - unchanged', () => {
    expect(encodeSubjectToken('web-01_eu')).toBe('web-01_eu');
  });

  it('writes a dot as ~2E so it does not split the subject', () => {
    expect(encodeSubjectToken('web.01')).toBe('web~2E01');
  });

  it('encodes ~ itself, so an id that looks encoded is not confused with one that is', () => {
    expect(encodeSubjectToken('web~2E01')).not.toBe(encodeSubjectToken('web.01'));
    expect(encodeSubjectToken('~')).toBe('~7E');
  });

  it('writes a multi-byte character as its UTF-8 bytes', () => {
    expect(encodeSubjectToken('é')).toBe('~C3~A9');
  });

  it.each(awkwardIds)('produces only [A-Za-z0-9_~-] for %j', (id) => {
    expect(encodeSubjectToken(id)).toMatch(SAFE_TOKEN);
  });

  it('gives different ids different tokens', () => {
    const tokens = new Set(awkwardIds.map(encodeSubjectToken));
    expect(tokens.size).toBe(awkwardIds.length);
  });
});

describe('decodeSubjectToken', () => {
  it.each(awkwardIds)('round-trips %j', (id) => {
    expect(decodeSubjectToken(encodeSubjectToken(id))).toBe(id);
  });

  it('decodes the documented example', () => {
    expect(decodeSubjectToken('web~2E01')).toBe('web.01');
  });
});
