import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./testing/shutdown-fixture.ts', import.meta.url));

/** Starts the fixture, sends `signal` once it is ready, resolves with its exit code and log. */
function runAndSignal(stopMs: number, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; log: string }>((resolve) => {
    const child = spawn(TSX, [FIXTURE, String(stopMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('"ready"')) child.kill(signal);
    });
    child.on('exit', (code) => resolve({ code, log }));
  });
}

describe('onShutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('on %s runs the stop step and exits 0', async (signal) => {
    const { code, log } = await runAndSignal(50, signal);
    expect(code).toBe(0);
    expect(log).toContain('"shutting down"');
    expect(log).toContain('"stopped"');
  });

  it('exits 1 when the stop step outlasts the timeout', async () => {
    const { code, log } = await runAndSignal(60_000, 'SIGTERM');
    expect(code).toBe(1);
    expect(log).toContain('shutdown timed out');
  });
});
