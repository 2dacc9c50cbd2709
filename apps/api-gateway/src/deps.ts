import type { BusNames } from '@autoscale/contracts';
import type { Database } from '@autoscale/db';
import type { Bus, NatsConnection } from '@autoscale/bus';
import type { Counters } from '@autoscale/observability';
import type postgres from 'postgres';
import type { GatewayConfig } from './config';

/** Everything the routes need; tests build it from real connections. */
export type GatewayDeps = {
  config: GatewayConfig;
  db: Database;
  sql: postgres.Sql;
  nc: NatsConnection;
  names: BusNames;
  /** The bus front door (the same connection and names), for what it provisions: KV buckets get its replicas. */
  bus: Bus;
  counters: Counters;
};
