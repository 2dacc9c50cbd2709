import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { backoffDelay, NotRetryableError, retryWithBackoff } from './retry';

function capturingLogger() {
  const lines: Array<{ msg: string; attempt?: number; retryInMs?: number }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('retryWithBackoff', () => {
  it('retries until the attempt succeeds, logging each failure with a growing delay', async () => {
    const { log, lines } = capturingLogger();
    let calls = 0;
    const value = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw new Error('connection refused');
        return 'connected';
      },
      { what: 'NATS at nats://127.0.0.1:1', log, initialMs: 5, maxMs: 12 },
    );
    expect(value).toBe('connected');
    expect(calls).toBe(4);
    expect(lines.map((l) => l.msg)).toEqual(Array(3).fill('NATS at nats://127.0.0.1:1 unreachable, retrying'));
    expect(lines.map((l) => l.retryInMs)).toEqual([5, 10, 12]);
  });

  it('gives up at once on a failure no retry can cure', async () => {
    const { log, lines } = capturingLogger();
    let calls = 0;
    const refused = retryWithBackoff(
      () => {
        calls++;
        return Promise.reject(new NotRetryableError('FORECASTER_PARTITIONS is 4 but the system runs with 8'));
      },
      { what: 'JetStream', log, initialMs: 5 },
    );
    await expect(refused).rejects.toThrow(/FORECASTER_PARTITIONS is 4/);
    expect(calls).toBe(1);
    expect(lines.map((l) => l.msg)).toEqual(['JetStream: FORECASTER_PARTITIONS is 4 but the system runs with 8']);
  });

  it('gives up with the error once its signal is aborted', async () => {
    const { log } = capturingLogger();
    const abort = new AbortController();
    abort.abort();
    await expect(
      retryWithBackoff(() => Promise.reject(new Error('still down')), { what: 'x', log, signal: abort.signal }),
    ).rejects.toThrow('still down');
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { initialMs: 100, maxMs: 1_000, jitter: 0 }));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('spreads each delay by at most the jitter fraction either way', () => {
    expect(backoffDelay(3, { initialMs: 100, maxMs: 1_000, jitter: 0.5, random: () => 0 })).toBe(200);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 1_000, jitter: 0.5, random: () => 1 })).toBe(600);
  });
});
