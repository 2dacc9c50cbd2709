import { loadDecisions, loadScaling, pauseTarget, resumeTarget } from '../api/scaling';
import type { ScaleDecisionItem, ScalingTargetItem } from '../api/scaling';
import { createScaleChart } from '../charts/scale-chart';
import { h, replaceChildren } from '../dom';
import { clock, pct } from '../format';

/** `#/scaling`: every scale target with what it asks for now. */
export function renderScaling(main: HTMLElement) {
  replaceChildren(main, h('h1', {}, 'Scaling'), h('p', { class: 'muted' }, 'Loading…'));
  void loadScaling().then(
    (targets) =>
      replaceChildren(
        main,
        h('h1', {}, 'Scaling'),
        targets.length === 0
          ? h(
              'p',
              { class: 'muted' },
              'No scale target has decided yet (SCALE_TARGETS_FILE on the scaler; see docs/scaling.md).',
            )
          : h(
              'table',
              {},
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['Target', 'Actuator', 'Mode', 'Current', 'Forecast asks', 'Newest change'].map((c) =>
                    h('th', { scope: 'col' }, c),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                ...targets.map((t) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, h('a', { href: `#/scaling/${encodeURIComponent(t.target)}` }, t.target)),
                    h('td', {}, t.actuator),
                    h('td', {}, t.value.paused ? 'paused' : t.value.mode),
                    h('td', {}, t.value.currentReplicas),
                    h('td', {}, t.value.recommendedReplicas),
                    h('td', {}, t.decisions[0]?.reason ?? '–'),
                  ),
                ),
              ),
            ),
      ),
    (error: unknown) =>
      replaceChildren(
        main,
        h('h1', {}, 'Scaling'),
        h('p', { class: 'error', role: 'alert' }, (error as Error).message),
      ),
  );
  return { update: () => undefined };
}

/** `#/scaling/<target>`: capacity against expected utilisation over time, decisions marked and listed, pause/resume. */
export function renderScaleTarget(main: HTMLElement, target: string) {
  let chart: ReturnType<typeof createScaleChart> | undefined;
  let disposed = false;

  async function load() {
    const [targets, decisions] = await Promise.all([loadScaling(), loadDecisions(target)]);
    if (disposed) return;
    const t = targets.find((x) => x.target === target);
    chart?.destroy();
    const figure = h('figure', { class: 'chart', 'aria-label': `Capacity and expected utilisation of ${target}` });
    replaceChildren(
      main,
      h('p', {}, h('a', { href: '#/scaling' }, '← All targets')),
      ...head(t, target, load),
      figure,
      decisionsTable(decisions),
    );
    if (t && decisions.length > 0) chart = createScaleChart(figure, decisions, t.targetUtilization);
  }
  load().catch((error: unknown) =>
    replaceChildren(main, h('h1', {}, target), h('p', { class: 'error', role: 'alert' }, (error as Error).message)),
  );
  return {
    update: () => undefined,
    dispose: () => {
      disposed = true;
      chart?.destroy();
    },
  };
}

function head(t: ScalingTargetItem | undefined, target: string, reload: () => Promise<void>) {
  if (!t) return [h('h1', {}, target), h('p', { class: 'muted' }, 'No decision recorded for this target yet.')];
  const act = (run: () => Promise<unknown>) => () =>
    void run().then(reload, (error: unknown) => window.alert((error as Error).message));
  return [
    h('h1', {}, target, ' ', h('span', { class: 'badge' }, t.value.paused ? 'paused' : t.value.mode)),
    h(
      'p',
      {},
      `${t.metric} at ${t.targetUtilization} % on ${t.minCapacity}–${t.maxCapacity} (${t.actuator}, lead ${t.leadMin} min). `,
      `Serving ${t.value.currentReplicas}; the forecast asks ${t.value.recommendedReplicas}`,
      t.value.stale ? ' (stale)' : '',
      '. ',
      t.value.paused
        ? h('button', { type: 'button', onclick: act(() => resumeTarget(t.target)) }, 'Resume')
        : h('button', { type: 'button', onclick: act(() => pauseTarget(t.target)) }, 'Pause'),
    ),
  ];
}

function decisionsTable(decisions: ScaleDecisionItem[]) {
  const changes = decisions
    .filter((d) => d.action !== 'hold' || d.execute)
    .reverse()
    .slice(0, 50);
  return h(
    'section',
    { 'aria-labelledby': 'decisions-title' },
    h('h2', { id: 'decisions-title' }, 'Decisions that changed something'),
    changes.length === 0
      ? h('p', { class: 'muted' }, 'None yet: the forecast has not asked for more than the current capacity.')
      : h(
          'table',
          { class: 'decisions' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Forecast at', 'Action', 'Capacity', 'Expected', 'Reason', 'Executed'].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...changes.map((d) =>
              h(
                'tr',
                {},
                h('td', {}, clock(Date.parse(d.forecastAt))),
                h('td', {}, d.action),
                h('td', {}, `${d.current} → ${d.desired}`),
                h('td', {}, pct(d.expectedUtilization)),
                h('td', {}, d.reason),
                h('td', {}, executed(d)),
              ),
            ),
          ),
        ),
  );
}

function executed(d: ScaleDecisionItem): string {
  if (d.actuation) return d.actuation.error ? `${d.actuation.status}: ${d.actuation.error}` : d.actuation.status;
  return d.execute ? 'asked' : 'no';
}
