import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '@autoscale/testing';
import type { ResourceSample } from '../provider';
import { createReplayProvider } from './replay.provider';
import type { ReplayProviderOptions } from './replay.provider';
import type { ReplayClock } from './replay-pacer';

const NAB = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../data/nab');
const NOW = Date.parse('2024-05-01T10:07:30Z');

/** A clock that stands still except when slept on, and remembers every wait. */
function fakeClock(start = NOW) {
  let now = start;
  const sleeps: number[] = [];
  const clock: ReplayClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps };
}

function recordings(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function playAll(opts: Omit<ReplayProviderOptions, 'log'>, signal = new AbortController().signal) {
  const logs = captureLogger();
  const replay = createReplayProvider({ ...opts, log: logs.log });
  const out: ResourceSample[] = [];
  for await (const batch of replay.samples(signal)) out.push(...batch);
  return { out, logs };
}

const CPU_ONLY = 'timestamp,value\n2014-05-14 01:14:00,10\n2014-05-14 01:19:00,20\n2014-05-14 01:24:00,30\n';
const CPU_MEM = 'timestamp,cpu,mem\n2014-05-14 01:16:00,50,60\n2014-05-14 01:21:00,55,\n';

describe('replay provider', () => {
  let dir: string;
  beforeEach(() => {
    dir = recordings({ 'web-01.csv': CPU_ONLY, 'db.primary.csv': CPU_MEM, 'notes.txt': 'x' });
  });

  it('plays every file as a resource named after it, interleaved in time, timestamps kept with REPLAY_START=original', async () => {
    const { out, logs } = await playAll({
      files: ['*.csv'],
      cwd: dir,
      speed: 'max',
      start: 'original',
      clock: fakeClock().clock,
    });

    expect(out.map((s) => [s.resourceId, s.ts.toISOString(), s.metrics])).toEqual([
      ['web-01', '2014-05-14T01:14:00.000Z', { cpu: 10 }],
      ['db.primary', '2014-05-14T01:16:00.000Z', { cpu: 50, mem: 60 }],
      ['web-01', '2014-05-14T01:19:00.000Z', { cpu: 20 }],
      ['db.primary', '2014-05-14T01:21:00.000Z', { cpu: 55 }],
      ['web-01', '2014-05-14T01:24:00.000Z', { cpu: 30 }],
    ]);
    expect(logs.at('info').map((l) => l.msg)).toEqual(['replay started', 'replay finished']);
  });

  it('with REPLAY_START=now shifts each series so that it ends at the current minute', async () => {
    const { out } = await playAll({
      files: [join(dir, 'web-01.csv'), join(dir, 'db.primary.csv')],
      speed: 'max',
      start: 'now',
      clock: fakeClock().clock,
    });

    const last = (id: string) =>
      out
        .filter((s) => s.resourceId === id)
        .at(-1)
        ?.ts.toISOString();
    expect(last('web-01')).toBe('2024-05-01T10:07:00.000Z');
    expect(last('db.primary')).toBe('2024-05-01T10:07:00.000Z');
    expect(out.filter((s) => s.resourceId === 'web-01').map((s) => s.ts.toISOString())).toEqual([
      '2024-05-01T09:57:00.000Z',
      '2024-05-01T10:02:00.000Z',
      '2024-05-01T10:07:00.000Z',
    ]);
  });

  it('with an ISO REPLAY_START shifts each series to start then', async () => {
    const { out } = await playAll({
      files: ['web-01.csv'],
      cwd: dir,
      speed: 'max',
      start: new Date('2024-01-01T00:00:00Z'),
      clock: fakeClock().clock,
    });
    expect(out[0]?.ts.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(out[2]?.ts.toISOString()).toBe('2024-01-01T00:10:00.000Z');
  });

  it('at a numeric speed waits so that recorded time runs that many times faster than the clock', async () => {
    const { clock, sleeps } = fakeClock();
    await playAll({ files: ['web-01.csv'], cwd: dir, speed: 60, start: 'original', clock });
    // 5 recorded minutes between samples at 60× → 5 s of wall clock each
    expect(sleeps).toEqual([5_000, 5_000]);
  });

  it('at max speed never waits', async () => {
    const { clock, sleeps } = fakeClock();
    await playAll({ files: ['*.csv'], cwd: dir, speed: 'max', start: 'now', clock });
    expect(sleeps).toEqual([]);
  });

  it('at max speed hands over many samples at once, oldest first', async () => {
    const replay = createReplayProvider({
      files: [join(NAB, '*.csv')],
      speed: 'max',
      start: 'now',
      log: captureLogger().log,
      clock: fakeClock().clock,
    });
    const sizes: number[] = [];
    for await (const batch of replay.samples(new AbortController().signal)) sizes.push(batch.length);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(256);
  });

  it('stops when the signal aborts', async () => {
    const abort = new AbortController();
    const logs = captureLogger();
    const replay = createReplayProvider({
      files: ['web-01.csv'],
      cwd: dir,
      speed: 60,
      start: 'original',
      log: logs.log,
      clock: fakeClock().clock,
    });
    const out: ResourceSample[] = [];
    for await (const batch of replay.samples(abort.signal)) {
      out.push(...batch);
      abort.abort();
    }
    expect(out).toHaveLength(1);
    expect(logs.at('info').at(-1)?.msg).toBe('replay stopped');
  });

  it('skips a malformed line with a warning naming the file and line', async () => {
    const bad = recordings({
      'app.csv': 'timestamp,value\n2024-01-01 00:00:00,5\n2024-01-01 00:05:00,five\n2024-01-01 00:10:00,7\n',
    });
    const { out, logs } = await playAll({ files: ['app.csv'], cwd: bad, speed: 'max', start: 'original' });

    expect(out.map((s) => s.metrics.cpu)).toEqual([5, 7]);
    expect(logs.at('warn')).toEqual([
      expect.objectContaining({ line: 3, file: join(bad, 'app.csv'), msg: 'replay: skipped a malformed line' }),
    ]);
  });

  it('refuses to start when REPLAY_FILES matches nothing', () => {
    const { log } = captureLogger();
    expect(() => createReplayProvider({ files: ['missing/*.csv'], cwd: dir, speed: 'max', start: 'now', log })).toThrow(
      /REPLAY_FILES matched no file/,
    );
  });

  it('replays the NAB asg misconfiguration recording completely', async () => {
    const { out } = await playAll({
      files: [join(NAB, 'cpu_utilization_asg_misconfiguration.csv')],
      speed: 'max',
      start: 'now',
      clock: fakeClock().clock,
    });

    expect(out).toHaveLength(18_050);
    expect(new Set(out.map((s) => s.resourceId))).toEqual(new Set(['cpu_utilization_asg_misconfiguration']));
    expect(out.at(-1)?.ts.toISOString()).toBe('2024-05-01T10:07:00.000Z');
    expect(out.every((s, i) => i === 0 || s.ts >= (out[i - 1]?.ts ?? s.ts))).toBe(true);
  });

  it('replays every file under the repository NAB folder by glob', async () => {
    const { out } = await playAll({
      files: [join(NAB, '*.csv')],
      speed: 'max',
      start: 'now',
      clock: fakeClock().clock,
    });
    expect(new Set(out.map((s) => s.resourceId)).size).toBe(5);
    expect(out).toHaveLength(18_050 + 4 * 4_032);
  });
});
