// Replays the dead letters after their cause is fixed: `npm run deadletters:replay`
// (all), `-- gateway-metrics` (one durable's), `-- --dry-run` (list only).
import { z } from 'zod';
import { busNames } from '@autoscale/contracts';
import { commonEnv, loadConfigOrExit } from '@autoscale/config';
import { connectNats, createJetStream, replayDeadLetters } from '@autoscale/bus';
import { createLogger } from '@autoscale/observability';

const config = loadConfigOrExit('deadletters', z.object(commonEnv), process.env);
const log = createLogger('deadletters', config.LOG_LEVEL);
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const durable = args.find((a) => !a.startsWith('--'));

const nc = await connectNats({ url: config.NATS_URL, name: 'deadletters', log });
const names = busNames(config.BUS_NAMESPACE, config.FORECASTER_PARTITIONS);
const replayed = await replayDeadLetters(nc, createJetStream(nc), names, { durable, dryRun });
for (const letter of replayed) console.log(`${dryRun ? 'would replay' : 'replayed'} #${letter.seq} → ${letter.subject}  (${letter.reason})`);
console.log(`${replayed.length} dead letter(s) ${dryRun ? 'found' : 'replayed'}`);
await nc.close();
