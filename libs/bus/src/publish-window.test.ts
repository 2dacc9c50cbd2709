import { describe, expect, it } from 'vitest';
import { createPublishWindow } from './publish-window';

/** A send whose ack arrives when the test says so. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('publish window', () => {
  it('keeps at most inFlight sends awaiting their ack, and flush waits for every ack', async () => {
    const window = createPublishWindow(3);
    const acks = Array.from({ length: 5 }, deferred);
    let started = 0;
    const producer = (async () => {
      for (const ack of acks) await window.submit(() => (started++, ack.promise));
    })();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(3);
    acks[0]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(4);
    for (const ack of acks) ack.resolve();
    await producer;
    await window.flush();
    expect(window.inFlight).toBe(0);
  });

  it('starts a series’ next send only once the one before it settled, while other series go ahead', async () => {
    const window = createPublishWindow(10);
    const order: string[] = [];
    const a1 = deferred();
    await window.submit(() => (order.push('a1'), a1.promise), 'a');
    await window.submit(async () => order.push('a2'), 'a');
    await window.submit(async () => order.push('b1'), 'b');
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['a1', 'b1']);
    a1.resolve();
    await window.flush();
    expect(order).toEqual(['a1', 'b1', 'a2']);
  });

  it('reports the first failure and starts nothing after it', async () => {
    const window = createPublishWindow(2);
    await window.submit(() => Promise.reject(new Error('no ack')));
    await new Promise((r) => setTimeout(r, 0));
    await expect(window.submit(async () => undefined)).rejects.toThrow('no ack');
    await expect(window.flush()).rejects.toThrow('no ack');
  });
  it('submitAll starts a batch in one tick while there is room, then one more per ack, in order per series', async () => {
    const window = createPublishWindow(3);
    const acks = Array.from({ length: 5 }, deferred);
    const order: string[] = [];
    const submitted = window.submitAll(
      acks.map((ack, i) => ({
        task: () => (order.push(`${i % 2 ? 'b' : 'a'}${i}`), ack.promise),
        key: i % 2 ? 'b' : 'a',
      })),
    );
    const startedSync = order.length;
    await new Promise((r) => setTimeout(r, 10));
    // a0 and b1 at once; a2 waits for a0 (same series) while holding the third place.
    expect(startedSync).toBe(2);
    expect(order).toEqual(['a0', 'b1']);
    acks[0]!.resolve();
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['a0', 'b1', 'a2']);
    for (const ack of acks) ack.resolve();
    await submitted;
    await window.flush();
    expect(order).toEqual(['a0', 'b1', 'a2', 'b3', 'a4']);
  });
});
