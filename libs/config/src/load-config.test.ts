import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfigOrExit, parseConfig } from './load-config';

const Schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  NAME: z.string().default('svc'),
  REQUIRED_URL: z.url(),
});

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('coerces numbers and fills defaults', () => {
    const config = parseConfig(Schema, { PORT: '9001', REQUIRED_URL: 'http://x.test' });
    expect(config).toEqual({ PORT: 9001, NAME: 'svc', REQUIRED_URL: 'http://x.test' });
  });

  it('treats an empty string as unset, so `PORT=` falls back to the default', () => {
    const config = parseConfig(Schema, { PORT: '', NAME: '', REQUIRED_URL: 'http://x.test' });
    expect(config.PORT).toBe(8000);
    expect(config.NAME).toBe('svc');
  });

  it('reports an empty required variable as missing rather than accepting it', () => {
    expect(problemsOf(() => parseConfig(Schema, { REQUIRED_URL: '' }))).toEqual([
      expect.stringMatching(/^REQUIRED_URL: /),
    ]);
  });

  it('names the variable in every problem, all at once', () => {
    const problems = problemsOf(() => parseConfig(Schema, { PORT: 'eighty', REQUIRED_URL: 'not a url' }));
    expect(problems).toHaveLength(2);
    expect(problems.some((p) => p.startsWith('PORT: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('REQUIRED_URL: '))).toBe(true);
  });

  it('puts every problem in the error message', () => {
    try {
      parseConfig(Schema, { PORT: '0' });
      expect.unreachable('parseConfig accepted PORT=0 without REQUIRED_URL');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/invalid configuration:\n {2}- (PORT|REQUIRED_URL): /);
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('REQUIRED_URL');
    }
  });

  it('returns a frozen object, so no module can change the configuration at run time', () => {
    const config = parseConfig(Schema, { REQUIRED_URL: 'http://x.test' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it('ignores variables the schema does not name', () => {
    const config = parseConfig(Schema, { REQUIRED_URL: 'http://x.test', HOME: '/root', PATH: '/bin' });
    expect(Object.keys(config).sort()).toEqual(['NAME', 'PORT', 'REQUIRED_URL']);
  });
});

describe('loadConfigOrExit', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns the parsed configuration when it is valid', () => {
    expect(loadConfigOrExit('svc', Schema, { REQUIRED_URL: 'http://x.test' }).PORT).toBe(8000);
  });

  it('prints every problem prefixed with the service name and exits 1', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

    expect(() => loadConfigOrExit('collector', Schema, { PORT: 'x' })).toThrow('exit 1');

    expect(exit).toHaveBeenCalledWith(1);
    const printed = stderr.mock.calls.map(([chunk]) => String(chunk)).join('');
    expect(printed).toMatch(/^collector: invalid configuration:/);
    expect(printed).toContain('- PORT: ');
    expect(printed).toContain('- REQUIRED_URL: ');
  });
});
