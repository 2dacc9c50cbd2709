// `npm run rebuild-read-model`: forgets that the database is fed, so the next gateway start
// replays every retained event into it (see ensureReadModelFed). Restart the gateway after.
import { clearReadModelMarker, createDatabase } from '@autoscale/db';
import { createLogger } from '@autoscale/observability';
import { loadGatewayConfig } from './config';

const config = loadGatewayConfig();
const log = createLogger('rebuild-read-model', config.LOG_LEVEL);
const { db, sql } = createDatabase(config.DATABASE_URL, { max: 1 });
try {
  await clearReadModelMarker(db);
  log.info(
    'read model marker cleared: restart the api-gateway (every replica) and it replays the streams into the database',
  );
} catch (error) {
  log.error({ err: error }, 'could not clear the read model marker');
  process.exitCode = 1;
} finally {
  await sql.end();
}
