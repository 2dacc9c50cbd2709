import { h, replaceChildren } from '../dom';
import { store } from '../store';

/** The configuration in force, as `/api/config` gives it (never a secret). */
export function renderSettings(main: HTMLElement) {
  const c = store.config;
  const yes = (v: boolean | undefined) => (v ? 'on' : 'off');
  const rows: Array<[string, string]> = [
    ['Provider', c.provider ?? '–'],
    ['CPU threshold', c.thresholds?.cpu !== undefined ? `${c.thresholds.cpu} %` : '–'],
    ['Memory threshold', c.thresholds?.mem !== undefined ? `${c.thresholds.mem} %` : '–'],
    ['Alert lookahead', c.lookaheadMin !== undefined ? `${c.lookaheadMin} min` : '–'],
    ['Re-notify after', c.renotifyMin !== undefined ? `${c.renotifyMin} min` : '–'],
    ['Poll interval', c.pollIntervalSeconds !== undefined ? `${c.pollIntervalSeconds} s` : '–'],
    ...Object.entries(c.channels ?? {}).map(([name, on]): [string, string] => [`Channel: ${name}`, yes(on)]),
    ['Actions need a token', yes(c.testAlertRequiresToken)],
  ];
  replaceChildren(
    main,
    h('h1', {}, 'Settings'),
    h('p', { class: 'muted' }, 'Set by environment variables on the services; see the README.'),
    h('dl', { class: 'settings' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
  );
  return { update: () => undefined };
}
