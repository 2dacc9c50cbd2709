import { AlertAck, AlertSilence, ackKey, SILENCE_KEYS, silenceKey, silenceMatches } from '@autoscale/contracts';
import type { Bus } from '@autoscale/bus';

/**
 * Silences and acknowledgements in a JetStream KV bucket, so every replica sees the same
 * ones: the gateway writes them, the alerter reads them when it decides or delivers. Entries
 * that fail their schema are ignored (a bad write never mutes anything).
 *
 * @example
 * const silences = await openSilenceStore(bus);
 * await silences.putSilence(silence);
 */
export async function openSilenceStore(bus: Pick<Bus, 'kv' | 'names'>) {
  const kv = await bus.kv(bus.names.kv.alertSilences, { history: 1 });

  async function read<T>(
    key: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  ) {
    const entry = await kv.get(key);
    if (!entry || entry.operation !== 'PUT') return null;
    try {
      const parsed = schema.safeParse(entry.json());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async function listSilences(): Promise<AlertSilence[]> {
    const keys: string[] = [];
    for await (const key of await kv.keys(SILENCE_KEYS)) keys.push(key);
    const silences = await Promise.all(keys.map((key) => read(key, AlertSilence)));
    return silences.filter((s): s is AlertSilence => s !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  return {
    listSilences,
    putSilence: (silence: AlertSilence) => kv.put(silenceKey(silence.id), JSON.stringify(silence)),
    /** True when a silence with that id existed. */
    async deleteSilence(id: string): Promise<boolean> {
      const existed = (await read(silenceKey(id), AlertSilence)) !== null;
      if (existed) await kv.delete(silenceKey(id));
      return existed;
    },
    /** The silence in force for the series at `at`, if any. */
    async silenceFor(resourceId: string, metric: string, at: number): Promise<AlertSilence | null> {
      return (await listSilences()).find((s) => silenceMatches(s, resourceId, metric, at)) ?? null;
    },
    putAck: (ack: AlertAck) => kv.put(ackKey(ack.episodeId), JSON.stringify(ack)),
    ackFor: (episodeId: string) => read(ackKey(episodeId), AlertAck),
  };
}

export type SilenceStore = Awaited<ReturnType<typeof openSilenceStore>>;
