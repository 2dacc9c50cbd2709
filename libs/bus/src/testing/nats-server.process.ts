import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { accepts, freePort } from './ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A `nats-server -js` of the test's own, on a free port with its own store directory, that
 * the test may stop and start again on the same store (the shared server must never be
 * stopped). `args` adds options such as `--user app --pass secret`; `config` writes a
 * configuration file into the given directory and returns its path; `env` adds variables
 * the configuration reads (`password: $COLLECTOR_NATS_PASSWORD`).
 *
 * @example
 * const nats = await startNatsServer({ args: ['--user', 'app', '--pass', 'pw'] });
 * await nats.stop(); await nats.start();
 * await nats.stop('SIGKILL'); // a crash
 * await nats.dispose();
 */
export async function startNatsServer(
  opts: { args?: string[]; config?: (dir: string) => string; env?: Record<string, string> } = {},
) {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'nats-test-'));
  // A configuration file written into the store's directory (e.g. a generated authorization).
  const configArgs = opts.config ? ['-c', opts.config(storeDir)] : [];
  let child: ChildProcess | undefined;
  const log: string[] = [];

  async function start() {
    child = spawn(
      'nats-server',
      [...configArgs, '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...(opts.args ?? [])],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...opts.env },
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      log.push(chunk.toString('utf8'));
      if (log.length > 2_000) log.shift();
    });
    for (let i = 0; i < 100; i++) {
      if (await accepts(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nats-server did not listen on ${port}: ${log.join('').slice(-2_000)}`);
  }

  /** SIGTERM: the server shuts down and tells its clients; `SIGKILL` is a crash that tells nobody. */
  async function stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  }

  await start();
  return {
    port,
    url: `nats://127.0.0.1:${port}`,
    storeDir,
    /** What the server logged (stderr): permission violations, for instance. */
    log: () => log.join(''),
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

export type TestNatsServer = Awaited<ReturnType<typeof startNatsServer>>;
