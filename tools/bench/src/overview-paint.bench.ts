import { launchChromium } from '@autoscale/testing';

/** The browser's timing of one request (a PerformanceResourceTiming; the bench has no DOM types). */
type ResourceTiming = { name: string; startTime: number; responseEnd: number };

/** When the page asked for the overview's first page and got it, ms after its navigation began (runs in the page). */
const firstPageRead = () => {
  const entries = performance.getEntriesByType('resource') as unknown as ResourceTiming[];
  const read = entries.find((e) => new URL(e.name).pathname === '/api/resources');
  return read ? `asked ${read.startTime.toFixed(0)}, answered ${read.responseEnd.toFixed(0)}` : 'not read';
};

/**
 * Opens the dashboard's overview in Chromium `runs` times (a fresh page each) and measures
 * from navigation to the first resource row on screen: the first paint with data. `reads`
 * says, per open, when the page asked for its first page and got it (where the time went:
 * the page's code or the gateway).
 */
export async function overviewFirstPaint(base: string, runs = 3) {
  const browser = await launchChromium();
  const times: number[] = [];
  const reads: string[] = [];
  let rowsBuilt = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const started = performance.now();
      await page.goto(`${base}/`);
      await page.locator('table.resources tbody tr[data-resource]').first().waitFor({ timeout: 60_000 });
      times.push(performance.now() - started);
      reads.push(await page.evaluate(firstPageRead));
      rowsBuilt = await page.locator('table.resources tbody tr[data-resource]').count();
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return {
    first: times[0] ?? Number.NaN,
    median: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN,
    rowsBuilt,
    reads,
  };
}
