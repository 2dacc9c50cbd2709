import { SCALE_PAUSE_KEYS, ScalePause, scalePauseKey } from '@autoscale/contracts';
import type { Bus } from './open-bus';

/**
 * Per-target pauses in a JetStream KV bucket: the gateway writes them (token-protected), the
 * scaler reads them when it decides and again before it executes. An entry that fails its
 * schema counts as no pause.
 *
 * @example
 * const controls = await openScaleControls(bus);
 * await controls.pause({ v: 1, target: 'web', pausedAt: new Date().toISOString(), pausedBy: 'ops', comment: '' });
 */
export async function openScaleControls(bus: Pick<Bus, 'kv' | 'names'>) {
  const kv = await bus.kv(bus.names.kv.scaleControls, { history: 1 });

  async function pauseOf(target: string): Promise<ScalePause | null> {
    const entry = await kv.get(scalePauseKey(target));
    if (!entry || entry.operation !== 'PUT') return null;
    try {
      const parsed = ScalePause.safeParse(entry.json());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  return {
    pauseOf,
    pause: (pause: ScalePause) => kv.put(scalePauseKey(pause.target), JSON.stringify(pause)),
    /** True when the target was paused. */
    async resume(target: string): Promise<boolean> {
      const was = (await pauseOf(target)) !== null;
      if (was) await kv.delete(scalePauseKey(target));
      return was;
    },
    async listPauses(): Promise<ScalePause[]> {
      const keys: string[] = [];
      for await (const key of await kv.keys(SCALE_PAUSE_KEYS)) keys.push(key);
      const pauses = await Promise.all(keys.map((key) => pauseOf(key.slice('paused.'.length))));
      return pauses.filter((p): p is ScalePause => p !== null);
    },
  };
}

export type ScaleControls = Awaited<ReturnType<typeof openScaleControls>>;
