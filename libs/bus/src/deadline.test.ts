import { describe, expect, it } from 'vitest';
import { withProgressDeadline } from './deadline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withProgressDeadline (a partition claim)', () => {
  it('lets work that keeps making progress run past the deadline, and returns its result', async () => {
    const result = withProgressDeadline(
      async (progress) => {
        for (let i = 0; i < 6; i++) {
          await sleep(40);
          progress();
        }
        return 'rebuilt';
      },
      100,
      'onClaim of partition 0',
    );

    await expect(result).resolves.toBe('rebuilt');
  });

  it('rejects work that made no progress for the deadline, naming it', async () => {
    const result = withProgressDeadline(
      async (progress) => {
        progress();
        await sleep(400);
      },
      100,
      'onClaim of partition 3',
    );

    await expect(result).rejects.toThrow('onClaim of partition 3 made no progress for 100 ms');
  });

  it("passes the work's own failure through", async () => {
    const result = withProgressDeadline(() => Promise.reject(new Error('stream gone')), 100, 'onClaim');

    await expect(result).rejects.toThrow('stream gone');
  });
});
