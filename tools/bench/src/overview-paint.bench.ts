import { launchChromium } from '@autoscale/testing';

/**
 * Opens the dashboard's overview in Chromium `runs` times (a fresh page each) and measures
 * from navigation to the first resource row on screen: the first paint with data.
 */
export async function overviewFirstPaint(base: string, runs = 3) {
  const browser = await launchChromium();
  const times: number[] = [];
  let rowsBuilt = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const started = performance.now();
      await page.goto(`${base}/`);
      await page.locator('table.resources tbody tr[data-resource]').first().waitFor({ timeout: 60_000 });
      times.push(performance.now() - started);
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
  };
}
