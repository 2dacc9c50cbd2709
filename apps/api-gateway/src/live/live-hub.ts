import { AlertFired, ForecastUpdated } from '@autoscale/contracts';
import type { BusNames } from '@autoscale/contracts';
import { streamLastSeq, tailStream } from '@autoscale/bus';
import type { NatsConnection, TailedMessage } from '@autoscale/bus';
import type { EventCursor } from './event-cursor';

/** One live event, checked and serialised once for every client. */
export type LiveEvent = { kind: 'forecast' | 'alert'; seq: number; resourceId: string; data: string };

type Kind = LiveEvent['kind'];
const CURSOR_FIELD = { forecast: 'forecasts', alert: 'alerts' } as const satisfies Record<Kind, keyof EventCursor>;
const SCHEMA = { forecast: ForecastUpdated, alert: AlertFired } as const;
const STREAM = { forecast: (n: BusNames) => n.streams.forecasts, alert: (n: BusNames) => n.streams.alerts } as const;
const SUBJECT = {
  forecast: (n: BusNames) => n.subjects.forecastUpdatedAll,
  alert: (n: BusNames) => n.subjects.alertFiredAll,
} as const;

/** Events kept per stream for clients that reconnect with a `Last-Event-ID`. */
const RECENT_EVENTS = 10_000;

type Listener = (event: LiveEvent) => void;

/**
 * The gateway's one subscription to the live streams: a tail of FORECASTS and one of ALERTS,
 * started with the first client and ended with the last, each event validated and serialised once and handed to
 * every connected client — 100 dashboards cost two consumers, not 200. The newest
 * {@link RECENT_EVENTS} of each stream are kept, so a client resuming from a recent
 * `Last-Event-ID` is served from memory; one resuming from further back gets tails of its
 * own until it has caught up with the stream's end at that moment, then joins the hub.
 */
export function createLiveHub(deps: { nc: NatsConnection; names: BusNames }) {
  const listeners = new Set<Listener>();
  const recent: Record<Kind, LiveEvent[]> = { forecast: [], alert: [] };
  let position: EventCursor = { forecasts: 0, alerts: 0 };
  let started: Promise<EventCursor> | undefined;
  let hubTails: Array<{ stop: () => Promise<void> }> = [];

  /** The last client gone, the subscription ends; the next client starts a new one. */
  async function leave(listener: Listener) {
    listeners.delete(listener);
    if (listeners.size > 0 || !started) return;
    started = undefined;
    for (const kept of Object.values(recent)) kept.length = 0;
    await Promise.all(hubTails.splice(0).map((tail) => tail.stop()));
  }

  function toEvent(kind: Kind, message: TailedMessage): LiveEvent | null {
    const parsed = SCHEMA[kind].safeParse(message.data);
    if (!parsed.success) return null;
    return { kind, seq: message.seq, resourceId: parsed.data.resourceId, data: JSON.stringify(parsed.data) };
  }

  function receive(kind: Kind, message: TailedMessage) {
    position = { ...position, [CURSOR_FIELD[kind]]: message.seq };
    const event = toEvent(kind, message);
    if (!event) return;
    const kept = recent[kind];
    kept.push(event);
    if (kept.length > RECENT_EVENTS * 1.1) kept.splice(0, kept.length - RECENT_EVENTS);
    for (const listener of listeners) listener(event);
  }

  async function start() {
    const [forecasts, alerts] = await Promise.all([
      streamLastSeq(deps.nc, deps.names.streams.forecasts),
      streamLastSeq(deps.nc, deps.names.streams.alerts),
    ]);
    position = { forecasts, alerts };
    hubTails = await Promise.all(
      (['forecast', 'alert'] as const).map((kind) =>
        tailStream(
          deps.nc,
          {
            stream: STREAM[kind](deps.names),
            subject: SUBJECT[kind](deps.names),
            afterSeq: position[CURSOR_FIELD[kind]],
          },
          (m) => receive(kind, m),
        ),
      ),
    );
    return { forecasts, alerts };
  }

  /** True when every event after `cursor` of `kind` is still in memory. */
  function covers(kind: Kind, since: number, startedAt: EventCursor) {
    const field = CURSOR_FIELD[kind];
    if (since >= startedAt[field]) return true;
    const first = recent[kind][0];
    return first !== undefined && first.seq <= since + 1;
  }

  const replay = (kind: Kind, since: number) => recent[kind].filter((e) => e.seq > since);

  return {
    /** Where a new client starts: the newest position the hub has seen. */
    async position(): Promise<EventCursor> {
      started ??= start();
      await started;
      return { ...position };
    },

    /** Ends the hub's subscription (at shutdown); clients still connected get nothing more. */
    async stop(): Promise<void> {
      listeners.clear();
      await Promise.all(hubTails.splice(0).map((tail) => tail.stop()));
    },

    /**
     * Hands `listener` every event after `cursor`, in stream order per stream, until `stop()`.
     */
    async follow(cursor: EventCursor, listener: Listener): Promise<{ stop: () => Promise<void> }> {
      started ??= start();
      const startedAt = await started;
      if (covers('forecast', cursor.forecasts, startedAt) && covers('alert', cursor.alerts, startedAt)) {
        for (const event of [...replay('forecast', cursor.forecasts), ...replay('alert', cursor.alerts)])
          listener(event);
        listeners.add(listener);
        return { stop: () => leave(listener) };
      }
      return followFromStream(cursor, listener);
    },
  };

  /**
   * A client further behind than memory: its own tail of each stream up to where the hub was
   * when it came, then, stream by stream, the hub (what it received since, then live).
   */
  async function followFromStream(cursor: EventCursor, listener: Listener) {
    const upTo = { ...position };
    const joined = new Set<Kind>();
    const fromHub: Listener = (event) => {
      if (joined.has(event.kind)) listener(event);
    };
    listeners.add(fromHub);
    let tails: Array<{ stop: () => Promise<void> }> = [];
    const stopTails = () => Promise.all(tails.splice(0).map((tail) => tail.stop())).then(() => undefined);
    function join(kind: Kind) {
      if (joined.has(kind)) return;
      joined.add(kind);
      for (const event of replay(kind, upTo[CURSOR_FIELD[kind]])) listener(event);
      if (joined.size === 2) void stopTails();
    }
    const own = (kind: Kind) => (m: TailedMessage) => {
      if (joined.has(kind)) return;
      const event = m.seq <= upTo[CURSOR_FIELD[kind]] ? toEvent(kind, m) : null;
      if (event) listener(event);
      if (m.seq >= upTo[CURSOR_FIELD[kind]]) join(kind);
    };
    for (const kind of ['forecast', 'alert'] as const)
      if (cursor[CURSOR_FIELD[kind]] >= upTo[CURSOR_FIELD[kind]]) join(kind);
    tails = await Promise.all(
      (['forecast', 'alert'] as const)
        .filter((kind) => !joined.has(kind))
        .map((kind) =>
          tailStream(
            deps.nc,
            {
              stream: STREAM[kind](deps.names),
              subject: SUBJECT[kind](deps.names),
              afterSeq: cursor[CURSOR_FIELD[kind]],
            },
            own(kind),
          ),
        ),
    );
    if (joined.size === 2) await stopTails();
    return {
      async stop() {
        await stopTails();
        await leave(fromHub);
      },
    };
  }
}

export type LiveHub = ReturnType<typeof createLiveHub>;
