import { EventSource } from 'eventsource';
import type { ErrorEvent } from 'eventsource';
import { LIVE_EVENTS } from '@autoscale/http-contract';
import type { LiveEventName } from '@autoscale/http-contract';
import type { z } from 'zod';
import { checkAnswer, requestToken } from '../api/client';
import { authHeader, tokenStore } from '../api/token-store';
import { store } from '../store';

/** After the gateway refused the stream (a 5xx, a proxy's page), when to open it again. */
const REOPEN_AFTER_MS = 5_000;

/**
 * Follows `/api/stream`. While connected, a dropped connection is reopened by the EventSource
 * with the last event id (`Last-Event-ID`), so the gateway resumes after the last event seen.
 * The browser's own EventSource cannot send a header, so this one (the `eventsource` package,
 * the same WHATWG behaviour over `fetch`) sends the kept bearer token: with `API_AUTH=all` a
 * `401` asks for a token (the same dialog the reads share) and opens the stream again with it.
 * An answer that is not a stream fails an EventSource for good; it is opened again after
 * `REOPEN_AFTER_MS`. `onState` drives the "live" badge. Each event is checked against the
 * gateway's schema for it; one that does not match is reported in the console and left out.
 */
export function connectLive(onState: (state: 'live' | 'reconnecting') => void) {
  let source: EventSource | undefined;
  let stopped = false;
  let reopen: ReturnType<typeof setTimeout> | undefined;

  const open = () => {
    source = new EventSource('/api/stream', {
      fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, ...authHeader() } }),
    });
    source.addEventListener('open', () => onState('live'));
    source.addEventListener('error', (event) => {
      onState('reconnecting');
      if (source?.readyState === EventSource.CLOSED && !stopped) void reopenAfter(event);
    });
    source.addEventListener('forecast', (event) => {
      const data = parse(LIVE_EVENTS.forecast, 'forecast', event);
      if (data) store.receiveForecast(data);
    });
    source.addEventListener('alert', (event) => {
      const data = parse(LIVE_EVENTS.alert, 'alert', event);
      if (data) store.receiveAlert(data);
    });
  };

  /**
   * A refused stream is opened again: at once with a token when it was refused for want of
   * one (401) and one is given; after a pause otherwise. A 401 whose dialog was cancelled is
   * not asked again by the stream: it opens once a token is kept (a read asked for it).
   */
  const reopenAfter = async (event: ErrorEvent) => {
    if (event.code === 401 && (await requestToken())) return stopped || open();
    const whenTokenKept = event.code === 401;
    const retry = () => {
      if (stopped) return;
      if (whenTokenKept && !tokenStore.get()) reopen = setTimeout(retry, REOPEN_AFTER_MS);
      else open();
    };
    reopen = setTimeout(retry, REOPEN_AFTER_MS);
  };

  open();
  return () => {
    stopped = true;
    clearTimeout(reopen);
    source?.close();
  };
}

function parse<S extends z.ZodType>(schema: S, name: LiveEventName, event: Event): z.infer<S> | undefined {
  try {
    return checkAnswer(schema, JSON.parse((event as MessageEvent<string>).data), `/api/stream (${name})`);
  } catch (error) {
    console.error((error as Error).message);
    return undefined;
  }
}
