import { store } from '../store';

/**
 * Follows `/api/stream`. The browser reconnects by itself and sends the last event id
 * (`Last-Event-ID`), so the gateway resumes after the last event seen; `onState` drives the
 * "live" badge in the header.
 */
export function connectLive(onState: (state: 'live' | 'reconnecting') => void) {
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => onState('live'));
  source.addEventListener('error', () => onState('reconnecting'));
  source.addEventListener('forecast', (event) => store.receiveForecast(parse(event)));
  source.addEventListener('alert', (event) => store.receiveAlert(parse(event)));
  return () => source.close();
}

function parse(event: Event): unknown {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as unknown;
  } catch {
    return undefined;
  }
}
