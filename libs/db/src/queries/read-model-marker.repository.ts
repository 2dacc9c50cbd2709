import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { metrics } from '../schema/metrics';
import { readModelMarker } from '../schema/read-model-marker';

const GATEWAY = 'gateway';

/**
 * Whether this database is fed from the streams: its marker row exists and it holds
 * samples (a database whose tables were emptied keeps the marker but lost the rows).
 *
 * @example
 * if (!(await readModelIsFed(db))) await resetProjections();
 */
export async function readModelIsFed(db: Database): Promise<{ marker: boolean; hasSamples: boolean }> {
  const [marker] = await db.select().from(readModelMarker).where(eq(readModelMarker.id, GATEWAY));
  const [sample] = await db
    .select({ one: sql<number>`1` })
    .from(metrics)
    .limit(1);
  return { marker: marker !== undefined, hasSamples: sample !== undefined };
}

/** Records that the durables now replay the streams into this database. */
export async function markReadModelFed(db: Database, at = new Date()): Promise<void> {
  await db
    .insert(readModelMarker)
    .values({ id: GATEWAY, fedSince: at })
    .onConflictDoUpdate({ target: readModelMarker.id, set: { fedSince: at } });
}

/** Forgets the marker, so the next gateway start replays the streams (`npm run rebuild-read-model`). */
export async function clearReadModelMarker(db: Database): Promise<void> {
  await db.delete(readModelMarker).where(eq(readModelMarker.id, GATEWAY));
}
