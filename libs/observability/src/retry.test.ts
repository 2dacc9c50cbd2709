import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { retryWithBackoff } from './retry';

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

  it('gives up with the error once its signal is aborted', async () => {
    const { log } = capturingLogger();
    const abort = new AbortController();
    abort.abort();
    await expect(
      retryWithBackoff(() => Promise.reject(new Error('still down')), { what: 'x', log, signal: abort.signal }),
    ).rejects.toThrow('still down');
  });
});
