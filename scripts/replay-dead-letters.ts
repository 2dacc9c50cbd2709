// Replays the dead letters after their cause is fixed: `npm run deadletters:replay`
// (all), `-- gateway-metrics` (one durable's), `-- --dry-run` (list only).
import { z } from 'zod';
import { commonEnv, loadConfigOrExit } from '@autoscale/config';
import { openBus, replayDeadLetters } from '@autoscale/bus';
import { createCounters, createLogger } from '@autoscale/observability';

const config = loadConfigOrExit('deadletters', z.object(commonEnv), process.env);
const log = createLogger('deadletters', config.LOG_LEVEL);
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const durable = args.find((a) => !a.startsWith('--'));

const bus = await openBus(config, { service: 'deadletters', log, counters: createCounters() });
const replayed = await replayDeadLetters(bus.nc, bus.js, bus.names, { durable, dryRun });
for (const letter of replayed)
  console.log(`${dryRun ? 'would replay' : 'replayed'} #${letter.seq} → ${letter.subject}  (${letter.reason})`);
console.log(`${replayed.length} dead letter(s) ${dryRun ? 'found' : 'replayed'}`);
await bus.close();
