import uPlot from 'uplot';
import type { ScaleDecisionItem } from '../api/scaling';

const COLORS = {
  current: '#2563eb',
  desired: '#16a34a',
  expected: '#7c3aed',
  target: '#dc2626',
  decision: 'rgba(22, 163, 74, 0.5)',
};

/**
 * A target over time: capacity serving and capacity the forecast asks for (left axis, units),
 * the utilisation expected at the lead time against the target (right axis, percent), and
 * each decision that changed something marked by a vertical line.
 */
export function createScaleChart(container: HTMLElement, decisions: ScaleDecisionItem[], targetUtilization: number) {
  const xs = decisions.map((d) => Date.parse(d.forecastAt) / 1000);
  const changes = decisions.filter((d) => d.action !== 'hold').map((d) => Date.parse(d.forecastAt) / 1000);
  const opts: uPlot.Options = {
    width: Math.max(280, container.clientWidth),
    height: 260,
    scales: { x: { time: true }, units: { auto: true }, pct: { range: [0, 120] } },
    axes: [
      { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' } },
      { scale: 'units', stroke: 'currentColor', size: 40 },
      {
        scale: 'pct',
        side: 1,
        stroke: 'currentColor',
        values: (_u, ticks) => ticks.map((t) => `${t}%`),
        size: 48,
        grid: { show: false },
      },
    ],
    series: [
      {},
      { label: 'current', scale: 'units', stroke: COLORS.current, width: 2, paths: uPlot.paths.stepped!({ align: 1 }) },
      {
        label: 'forecast asks',
        scale: 'units',
        stroke: COLORS.desired,
        width: 2,
        paths: uPlot.paths.stepped!({ align: 1 }),
      },
      {
        label: 'expected utilisation',
        scale: 'pct',
        stroke: COLORS.expected,
        width: 1.5,
        dash: [6, 4],
        spanGaps: true,
      },
      { label: 'target', scale: 'pct', stroke: COLORS.target, width: 1, dash: [3, 3], points: { show: false } },
    ],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    hooks: {
      draw: [
        (u) => {
          const { ctx, bbox } = u;
          ctx.save();
          ctx.strokeStyle = COLORS.decision;
          for (const x of changes) {
            const px = u.valToPos(x, 'x', true);
            ctx.beginPath();
            ctx.moveTo(px, bbox.top);
            ctx.lineTo(px, bbox.top + bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
  const data: uPlot.AlignedData = [
    xs,
    decisions.map((d) => d.current),
    decisions.map((d) => d.forecastCapacity),
    decisions.map((d) => d.expectedUtilization),
    decisions.map(() => targetUtilization),
  ];
  const plot = new uPlot(opts, data, container);
  const resize = new ResizeObserver(() =>
    plot.setSize({ width: Math.max(280, container.clientWidth), height: plot.height }),
  );
  resize.observe(container);
  return {
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}
