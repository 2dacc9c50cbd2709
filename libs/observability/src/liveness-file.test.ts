import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLivenessFile } from './liveness-file';

const PROBE = fileURLToPath(new URL('../../../scripts/probe-liveness.mjs', import.meta.url));

/** Runs the probe the image ships, as Kubernetes and Compose do. */
function probe(file: string, maxAgeSec: number) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [PROBE, file, String(maxAgeSec)], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

const dirs: string[] = [];
const stops: Array<() => void> = [];
function livenessPath() {
  const dir = mkdtempSync(join(tmpdir(), 'liveness-'));
  dirs.push(dir);
  return join(dir, 'alive');
}
function start(opts: Parameters<typeof startLivenessFile>[0]) {
  const liveness = startLivenessFile(opts);
  stops.push(liveness.stop);
  return liveness;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('startLivenessFile', () => {
  it('keeps the file fresh while the check passes, and the probe says live', async () => {
    const file = livenessPath();
    start({ file, check: async () => undefined, intervalMs: 50 });
    await vi.waitFor(() => expect(existsSync(file)).toBe(true));
    const first = Number(readFileSync(file, 'utf8'));
    await vi.waitFor(() => expect(Number(readFileSync(file, 'utf8'))).toBeGreaterThan(first));
    const result = await probe(file, 30);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^live: /);
  });

  it('stops refreshing the file while the check fails, so the probe fails once it is older than the limit', async () => {
    const file = livenessPath();
    let connected = true;
    start({
      file,
      check: async () => {
        if (!connected) throw new Error('NATS disconnected');
      },
      intervalMs: 50,
    });
    await vi.waitFor(() => expect(existsSync(file)).toBe(true));
    connected = false;
    await sleep(100);
    const written = readFileSync(file, 'utf8');
    await sleep(700);
    expect(readFileSync(file, 'utf8')).toBe(written);
    const result = await probe(file, 0.5);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/not live: .* last written \d+\.\d s ago \(limit 0\.5 s\)/);
  });

  it('counts a check that hangs past the interval as failing', async () => {
    const file = livenessPath();
    start({ file, check: () => new Promise(() => undefined), intervalMs: 50 });
    await sleep(400);
    expect(existsSync(file)).toBe(false);
  });

  it('removes the file when one of the service loops ends, and the probe then fails', async () => {
    const file = livenessPath();
    let endLoop: () => void = () => undefined;
    const loop = new Promise<void>((resolve) => (endLoop = resolve));
    start({ file, check: async () => undefined, until: [loop], intervalMs: 50 });
    await vi.waitFor(() => expect(existsSync(file)).toBe(true));
    endLoop();
    await vi.waitFor(() => expect(existsSync(file)).toBe(false));
    await sleep(200);
    expect(existsSync(file)).toBe(false);
    const result = await probe(file, 30);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/not live: .* unreadable \(ENOENT\)/);
  });

  it('removes a fresh file left by a previous process before its first check passes', async () => {
    const file = livenessPath();
    writeFileSync(file, String(Date.now()));
    start({ file, check: () => new Promise(() => undefined), intervalMs: 1000 });
    expect(existsSync(file)).toBe(false);
  });

  it('writes nothing when no file is configured', async () => {
    const check = vi.fn(async () => undefined);
    start({ file: undefined, check, intervalMs: 10 });
    await sleep(50);
    expect(check).not.toHaveBeenCalled();
  });
});

describe('probe-liveness.mjs', () => {
  it('rejects a file that does not hold a time', async () => {
    const file = livenessPath();
    writeFileSync(file, 'garbage');
    const result = await probe(file, 30);
    expect(result.code).toBe(1);
    expect(result.output).toContain('last written never');
  });
});
