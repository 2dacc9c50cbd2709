import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

/** Where screenshots go (gitignored). */
export const TEST_RESULTS = `${ROOT}test-results`;

/**
 * Debian's chromium, installed by `scripts/ensure-chromium.sh` when missing (apt), driven by
 * playwright-core: no browser download, works offline once installed.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(): Promise<Browser> {
  execFileSync('bash', [`${ROOT}scripts/ensure-chromium.sh`], { stdio: 'inherit' });
  mkdirSync(TEST_RESULTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
