import { h, replaceChildren } from '../dom';
import type { ConfigResponse } from '@autoscale/http-contract';
import { store } from '../store';
import type { Change } from '../store';

/** The configuration in force, as `/api/config` gives it (never a secret). */
export function renderSettings(main: HTMLElement) {
  const draw = () => {
    const c = store.config;
    replaceChildren(
      main,
      h('h1', {}, 'Settings'),
      h('p', { class: 'muted' }, 'Set by environment variables on the services; see the README.'),
      c
        ? h('dl', { class: 'settings' }, ...rows(c).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))
        : h('p', { class: 'muted' }, store.error ?? 'Loading…'),
    );
  };
  draw();
  return { update: (change: Change) => change.kind === 'loaded' && draw() };
}

function rows(c: ConfigResponse): Array<[string, string]> {
  const yes = (v: boolean) => (v ? 'on' : 'off');
  return [
    ['Provider', c.provider],
    ['CPU threshold', `${c.thresholds.cpu} %`],
    ['Memory threshold', `${c.thresholds.mem} %`],
    ['Alert lookahead', `${c.lookaheadMin} min`],
    ['Re-notify after', `${c.renotifyMin} min`],
    ['Poll interval', `${c.pollIntervalSeconds} s`],
    ...Object.entries(c.channels).map(([name, on]): [string, string] => [`Channel: ${name}`, yes(on)]),
    ['Actions need a token', yes(c.testAlertRequiresToken)],
  ];
}
