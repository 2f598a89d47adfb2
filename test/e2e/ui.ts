import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { e2e } from './context';

/** Small, named steps over the real workbench DOM (selectors measured on VS Code 1.139). */

export const STATUS_BAR = '#workbench\\.parts\\.statusbar';

/**
 * Loads the workbench: with a pipeline, until Gearshift's status item shows; without one (the first-install group)
 * there is no item (review37a F4), so until its activity bar icon shows, and each test waits for what it uses.
 */
export async function openWorkbench(page: Page, url: string, folder: string, pipeline = true): Promise<void> {
  // Until the navigation commits, not its 'load' (30 s by default, missed under load): the workbench is waited for next.
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 }); // the 30 s 'load' and 60 s this took before
  // With Workspace Trust on, VS Code asks first; the untrusted suites answer "No" as a cautious user would.
  const status = pipeline ? page.locator(`${STATUS_BAR} .statusbar-item`, { hasText: 'Gearshift' }).first()
    : page.locator('.activitybar .action-item [aria-label^="Gearshift"]').first();
  const trustDialog = page.locator('.monaco-dialog-box', { hasText: /trust/i });
  await Promise.race([status.waitFor({ timeout: 60_000 }), trustDialog.waitFor({ timeout: 60_000 })]);
  if (await trustDialog.isVisible()) {
    await trustDialog.getByRole('button', { name: /No, I don.t trust/i }).click();
  }
  await status.waitFor({ timeout: 60_000 });
}

/**
 * Runs a command by its palette title, as a user would: F1, type, click its row. The palette
 * closes when focus leaves it (a webview or a view that loads meanwhile may take focus): its
 * rows then stay in the DOM but hidden, so a click that cannot land opens the palette again.
 */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await paletteOnce(page, title);
      return;
    } catch (e) {
      if (attempt === attempts) { throw e; }
      console.log(`[e2e] palette: "${title}" not clicked (${(e as Error).message.split('\n')[0]}); opening the palette again`);
    }
  }
}

async function paletteOnce(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  // Click the row itself: Enter would run whichever row the palette ranked first.
  await row.click({ timeout: 10_000 });
}

/**
 * Takes focus from a webview (which would swallow F1) with a click on the activity bar's empty
 * middle, where a click does nothing. A click in the editor area did something: after an Escape
 * took the walkthrough back to VS Code's Welcome page, it landed on another walkthrough's card and
 * opened it, and that page's focus closed the palette three times running (seen in a cold CI).
 */
async function focusWorkbench(page: Page): Promise<void> {
  const bar = page.locator('.part.activitybar').first();
  const box = await bar.boundingBox().catch(() => null);
  if (!box) { return; }
  await bar.click({ position: { x: box.width / 2, y: box.height * 0.55 } }).catch(() => undefined);
}

export function statusBarItem(page: Page, text: string | RegExp): ReturnType<Page['locator']> {
  return page.locator(`${STATUS_BAR} .statusbar-item`, { hasText: text }).first();
}

/** The inner document of the Gearshift gauge webview (two iframes deep). */
export function gaugeFrame(page: Page): FrameLocator {
  // Ours by extension id: VS Code's own webviews (a walkthrough's SVG) are iframes too.
  return page.frameLocator('iframe.webview.ready[src*="extensionId=gearshift.gearshift"]').first().frameLocator('iframe#active-frame');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(e2e().screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the Gearshift container from its activity bar icon (clicking an open one would close it). */
export async function openGearshiftSidebar(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator('[aria-label^="Gearshift"]') }).first();
  await item.waitFor({ timeout: 30_000 });
  if (!((await item.getAttribute('class')) ?? '').includes('checked')) {
    await item.locator('[aria-label^="Gearshift"]').first().click();
  }
}

/** A step of Gearshift's walkthrough in the open Welcome editor (`aria-checked` says done). */
export function walkthroughStep(page: Page, id: string): ReturnType<Page['locator']> {
  return page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id="gearshift.gearshift#shiftUp#${id}"]`);
}

/** Waits until the walkthrough shows the step as done (checked), as VS Code renders it from its completion event. */
export async function waitForStepDone(page: Page, id: string, timeout = 60_000): Promise<void> {
  await page.locator(`.gettingStartedContainer button.getting-started-step[data-step-id="gearshift.gearshift#shiftUp#${id}"][aria-checked="true"]`).waitFor({ state: 'attached', timeout });
}

/** Expands a walkthrough step and clicks one of its buttons. */
export async function clickStepButton(page: Page, id: string, label: string): Promise<void> {
  const step = walkthroughStep(page, id);
  if ((await step.getAttribute('aria-expanded')) !== 'true') { await step.locator('h3.step-title').click(); }
  await step.locator('.button-container .monaco-button', { hasText: label }).first().click();
}

/** The workbench's class for each kind of theme, and the class VS Code gives the webview's body for it. */
const THEME_BODY = { 'vs': 'vscode-light', 'vs-dark': 'vscode-dark', 'hc-black': 'vscode-high-contrast', 'hc-light': 'vscode-high-contrast-light' } as const;

/** Picks a colour theme through the palette, as a user would, and waits for the workbench and the gauge to repaint. */

export async function chooseTheme(page: Page, theme: string, workbenchClass: keyof typeof THEME_BODY): Promise<void> {
  await runFromPalette(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(theme);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20_000 });
  // The webview gets the theme as a body class and CSS variables.
  await gaugeFrame(page).locator(`body.${THEME_BODY[workbenchClass]}`).waitFor({ timeout: 20_000 });
}

/** Gearshift's log (the "Gearshift" output channel) of the running code-server, '' until it exists. */
export function gearshiftLog(workspace: string): string {
  const logs = path.join(path.dirname(workspace), 'server', 'user-data', 'logs');
  if (!fs.existsSync(logs)) { return ''; }
  return fs.readdirSync(logs).map((run) => path.join(logs, run, 'exthost1', 'gearshift.gearshift', 'Gearshift.log'))
    .filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** The Feature Toggles pane of the Gearshift sidebar. */
export function togglesPane(page: Page): ReturnType<Page['locator']> {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Feature Toggles' }) });
}

/** What the Feature Toggles pane shows (expanded or not, its text), for a failing wait's message. */
export async function togglesShows(page: Page): Promise<string> {
  const pane = togglesPane(page);
  const expanded = await pane.locator('.pane-header').first().getAttribute('aria-expanded').catch(() => null);
  const text = await pane.innerText({ timeout: 5_000 }).catch((e: Error) => `(no pane: ${e.message.split('\n')[0]})`);
  return `the Feature Toggles pane (expanded: ${expanded}) shows ${JSON.stringify(text)}`;
}

export function flagRow(page: Page, key: string): ReturnType<Page['locator']> {
  return togglesPane(page).locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${key}$`) }) });
}

/** The description (the grey text after the label) of a tree row. */
export async function rowDescription(row: ReturnType<Page['locator']>): Promise<string> {
  return (await row.locator('.label-description').first().textContent()) ?? '';
}

type Locator = ReturnType<Page['locator']>;

/**
 * Hovers `target` until `hover` shows, moving the mouse away between tries. A hover is one
 * mousemove: one that lands while the editor still lays out its lines (or the host is busy
 * under load) shows nothing and is never sent again, so waiting longer on it cannot help.
 */
export async function hoverUntilShown(page: Page, target: Locator, hover: Locator, tries = 4, eachMs = 15_000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(1, 1);
    await target.hover();
    try {
      await hover.waitFor({ timeout: eachMs });
      return;
    } catch (e) {
      if (attempt >= tries) { throw e; }
    }
  }
}

/**
 * Clicks a tree row's inline action until the modal it opens shows (bounded tries). The action
 * shows while the row is hovered; a view refresh between the hover and the click re-renders the
 * row, and the click can land on the row itself (which only opens the item): seen once in CI, no
 * dialog within 30 s. The modal blocks the workbench, so a second click cannot act twice.
 */
export async function clickRowActionForDialog(page: Page, row: Locator, action: string, dialog: Locator, tries = 3): Promise<void> {
  await clickRowActionUntil(page, row, action, {
    done: () => dialog.isVisible(),
    waitDone: () => dialog.waitFor({ timeout: 10_000 }).then(() => true, () => false),
    what: 'dialog',
  }, tries);
}

/** What a click on a row's inline action should bring about: `done` looks once, `waitDone` waits (bounded) for it. */
export interface RowActionEffect { done(): Promise<boolean>; waitDone(): Promise<boolean>; what: string }

/**
 * Clicks a tree row's inline action until its effect shows (bounded tries), for the reason
 * clickRowActionForDialog gives. An effect that shows is never clicked for again, so an action
 * that flips something (Toggle) acts once, unless the effect takes longer than `waitDone` waits.
 */
export async function clickRowActionUntil(page: Page, row: Locator, action: string, effect: RowActionEffect, tries = 3): Promise<void> {
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (await effect.done()) { return; }
    await page.mouse.move(1, 1);
    await row.hover();
    await row.locator(`.action-label[aria-label^="${action}"]`).click({ timeout: 10_000 }).catch(() => undefined);
    if (await effect.waitDone()) { return; }
  }
  const toasts = await page.locator('.notification-toast').allInnerTexts().catch(() => []);
  const tabs = await page.locator('.tabs-container .tab').allInnerTexts().catch(() => []);
  throw new Error(`no ${effect.what} after ${tries} clicks on ${action}; notifications: ${JSON.stringify(toasts)}; editor tabs: ${JSON.stringify(tabs)}`);
}

/** The Pipeline pane (the stages view) of the Gearshift sidebar. */
export function pipelinePane(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Pipeline' }) });
}

/** The Pipeline pane's rows as "label description" lines, in order (for a clear failure message). */
export async function pipelineRows(page: Page): Promise<string[]> {
  return pipelinePane(page).locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) =>
    [r.querySelector('.label-name'), r.querySelector('.label-description')].map((e) => e?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim()));
}
