import { LIVE_EVENTS } from '@autoscale/http-contract';
import type { LiveEventName } from '@autoscale/http-contract';
import type { z } from 'zod';
import { checkAnswer } from '../api/client';
import { store } from '../store';

/**
 * Follows `/api/stream`. The browser reconnects by itself and sends the last event id
 * (`Last-Event-ID`), so the gateway resumes after the last event seen; `onState` drives the
 * "live" badge in the header. Each event is checked against the gateway's schema for it; one
 * that does not match is reported in the console and left out, never half-read.
 */
export function connectLive(onState: (state: 'live' | 'reconnecting') => void) {
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => onState('live'));
  source.addEventListener('error', () => onState('reconnecting'));
  source.addEventListener('forecast', (event) => {
    const data = parse(LIVE_EVENTS.forecast, 'forecast', event);
    if (data) store.receiveForecast(data);
  });
  source.addEventListener('alert', (event) => {
    const data = parse(LIVE_EVENTS.alert, 'alert', event);
    if (data) store.receiveAlert(data);
  });
  return () => source.close();
}

function parse<S extends z.ZodType>(schema: S, name: LiveEventName, event: Event): z.infer<S> | undefined {
  try {
    return checkAnswer(schema, JSON.parse((event as MessageEvent<string>).data), `/api/stream (${name})`);
  } catch (error) {
    console.error((error as Error).message);
    return undefined;
  }
}
