import { describe, expect, it } from 'vitest';
import { parseConfig } from '@autoscale/config';
import { ScalerEnv } from './config';

describe('ScalerEnv', () => {
  it('recommends by default: decides and shows, touches nothing', () => {
    expect(parseConfig(ScalerEnv, {})).toMatchObject({
      SCALE_MODE: 'recommend',
      SCALE_MEMBER_STALE_MIN: 15,
      SCALE_ACTUATION_LEASE_SEC: 60,
    });
  });

  it('refuses an unknown mode and a short webhook secret, naming the variable', () => {
    expect(() => parseConfig(ScalerEnv, { SCALE_MODE: 'auto' })).toThrow(/SCALE_MODE/);
    expect(() => parseConfig(ScalerEnv, { SCALE_WEBHOOK_SECRET: 'short' })).toThrow(/SCALE_WEBHOOK_SECRET/);
  });

  it('describes every variable of its own for the generated configuration reference', () => {
    const own = Object.entries(ScalerEnv.shape).filter(
      ([name]) => name.startsWith('SCALE_') || name.startsWith('AWS_') || name.startsWith('GCP_'),
    );
    expect(own.length).toBeGreaterThanOrEqual(10);
    for (const [name, schema] of own) expect(schema.description, name).toBeTruthy();
  });
});
