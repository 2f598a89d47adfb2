import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { chromiumPath } from './prerequisites';

export interface Browser { context: BrowserContext; page: Page; dispose(): Promise<void> }

/** Debian's headless Chromium, with the flags that keep it off this machine's closed network. */
export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    // Its temporary files (`.org.chromium.Chromium.*`) go in the profile, removed with it: a renderer still closing
    // when close() returns left them in the test's TMPDIR, where the unit tier's leak check fails the next file.
    env: { ...process.env, TMPDIR: profile },
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context,
    page,
    dispose: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
