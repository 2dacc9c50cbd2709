import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonEnv, databaseEnv } from './common-env';
import { ConfigError, parseConfig } from './load-config';
import { refusePlaceholderSecrets } from './secret-rules';

const Env = z
  .object({ ...commonEnv, ...databaseEnv, API_TOKEN: z.string().optional() })
  .superRefine(refusePlaceholderSecrets);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(Env, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('refusePlaceholderSecrets', () => {
  it('refuses the template placeholders, naming the variable and how to make a real value', () => {
    expect(problemsOf({ API_TOKEN: 'CHANGE-ME-to-a-long-random-token' })).toEqual([
      expect.stringMatching(/^API_TOKEN: holds a placeholder .*openssl rand/),
    ]);
    expect(problemsOf({ DATABASE_URL: 'postgres://autoscale:CHANGE-ME@db.internal:5432/autoscale' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: holds a placeholder/),
    ]);
    expect(problemsOf({ DATABASE_URL: 'postgres://autoscale:s3cret@db.example.internal:5432/autoscale' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: /),
    ]);
  });

  it('refuses tokens and NATS passwords under 24 characters', () => {
    expect(problemsOf({ API_TOKEN: 'twenty-three-characters' })).toEqual([
      expect.stringMatching(/^API_TOKEN: must be at least 24 characters/),
    ]);
    expect(problemsOf({ NATS_USER: 'collector', NATS_PASSWORD: 'short' })).toEqual([
      expect.stringMatching(/^NATS_PASSWORD: /),
    ]);
  });

  it('accepts generated values, and anything in the demo', () => {
    expect(
      problemsOf({ API_TOKEN: 'c9e99ca544b16cefb3e6898b9ccff98d', DATABASE_URL: 'postgres://u:p4ss@db.internal/x' }),
    ).toEqual([]);
    expect(
      problemsOf({
        AUTOSCALE_DEMO: 'true',
        API_TOKEN: 'CHANGE-ME',
        DATABASE_URL: 'postgres://postgres:CHANGE-ME-demo-password@postgres/x',
      }),
    ).toEqual([]);
  });
});
