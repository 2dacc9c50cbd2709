import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { accepts, freePort } from './ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A `nats-server -js` of the test's own, on a free port with its own store directory, that
 * the test may stop and start again on the same store (the shared server must never be
 * stopped). `args` adds options such as `--user app --pass secret`.
 *
 * @example
 * const nats = await startNatsServer({ args: ['--user', 'app', '--pass', 'pw'] });
 * await nats.stop(); await nats.start();
 * await nats.dispose();
 */
export async function startNatsServer(opts: { args?: string[] } = {}) {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'nats-test-'));
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...(opts.args ?? [])], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      if (await accepts(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nats-server did not listen on ${port}`);
  }

  async function stop() {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  }

  await start();
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

export type TestNatsServer = Awaited<ReturnType<typeof startNatsServer>>;
