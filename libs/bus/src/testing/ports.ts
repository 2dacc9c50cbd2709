import { createServer, connect as tcpConnect } from 'node:net';
import type { AddressInfo, Server } from 'node:net';

/**
 * `count` distinct loopback ports nobody listens on now. Each is held until all are chosen:
 * one closed before the next is asked for can come back at once (a cluster run got the same
 * port for a server's clients and its routes, and the server did not start).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => (server.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** A loopback port nobody listens on now. */
export const freePort = async () => (await freePorts(1))[0]!;

/** True when something accepts TCP connections on the loopback port. */
export const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
