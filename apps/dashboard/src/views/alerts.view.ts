import { h, replaceChildren } from '../dom';
import { store } from '../store';
import type { Change } from '../store';
import { alertsTable } from './alerts-table';

/** Every alert, newest first. */
export function renderAlerts(main: HTMLElement) {
  const draw = () => replaceChildren(main, h('h1', {}, 'Alerts'), alertsTable(store.alerts, { showResource: true }));
  draw();
  return {
    update: (change: Change) =>
      (change.kind === 'loaded' || change.kind === 'alert' || change.kind === 'ack') && draw(),
  };
}
