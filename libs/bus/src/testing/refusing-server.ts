import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { ConnectionOptions } from '@nats-io/transport-node';
import { startNatsServer } from './nats-server.process';

/**
 * A `nats-server` of the test's own with two users: `admin`, who may do anything, and `user`,
 * whose publishes to `refused` subjects the server denies (every other request works). How a
 * test makes a JetStream API request fail for one client the way a stale NATS 2.9 consumer
 * leader makes it fail: no answer the client can use.
 *
 * @example
 * const nats = await startServerRefusing('claimer', ['$JS.API.CONSUMER.INFO.S.d']);
 * const claimer = await nats.connectAs('claimer');
 */
export async function startServerRefusing(user: string, refused: readonly string[]) {
  const server = await startNatsServer({
    config: (dir) => {
      const file = join(dir, 'users.conf');
      writeFileSync(
        file,
        `authorization { users = [
          { user: admin, password: admin-password }
          { user: ${user}, password: ${user}-password, permissions: {
            publish: { allow: [">"], deny: ${JSON.stringify(refused)} }, subscribe: ">" } }
        ] }`,
      );
      return file;
    },
  });
  return {
    server,
    /** A connection as `admin` or the refused user; `extra` adds options (reconnect settings). */
    connectAs: (who: 'admin' | typeof user, extra: Partial<ConnectionOptions> = {}) =>
      connect({ servers: server.url, user: who, pass: `${who}-password`, ...extra }),
  };
}
