import { describe, expect, it } from 'vitest';
import { metricSampledSchema } from '@autoscale/contracts';
import { parseMessage } from './parse-message';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const schema = metricSampledSchema({ now: () => NOW, maxClockSkewSec: 300 });
const message = (event: unknown) => {
  const data = new TextEncoder().encode(JSON.stringify(event));
  return { data, json: () => JSON.parse(new TextDecoder().decode(data)) as unknown };
};
const sample = { v: 1, provider: 'local', resourceId: 'web-1', ts: '2026-03-01T12:00:00.000Z', metrics: { cpu: 1 } };

describe('parseMessage', () => {
  it('refuses a message over 64 KB before reading it, naming its size', () => {
    const parsed = parseMessage(message({ ...sample, pad: 'x'.repeat(70_000) }), schema);
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/over the 65536-byte limit/) });
  });

  it('refuses a sample from beyond the clock skew with a reason naming the field', () => {
    const parsed = parseMessage(message({ ...sample, ts: '2999-01-01T00:00:00.000Z' }), schema);
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/^ts: more than 300 s in the future/) });
  });

  it('accepts an ordinary sample', () => {
    expect(parseMessage(message(sample), schema)).toEqual({ ok: true, event: sample });
  });
});
