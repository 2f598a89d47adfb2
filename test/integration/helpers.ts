import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GearshiftApi } from '../../src/extension';
import { git } from '../support/git';

export const EXTENSION_ID = 'gearshift.gearshift';

export async function api(): Promise<GearshiftApi> {
  const ext = vscode.extensions.getExtension<GearshiftApi>(EXTENSION_ID);
  if (!ext) { throw new Error(`${EXTENSION_ID} is not installed in this host`); }
  const gearshift = await ext.activate();
  // Activation only draws the status bar and stands in for the commands; the rest loads just after.
  await gearshift.ready();
  return gearshift;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) { throw new Error('the integration suites need a workspace folder'); }
  return f;
}

export function configPath(): string { return path.join(workspaceFolder().uri.fsPath, '.gearshift.yml'); }

/** git in the workspace folder, as from a terminal there: its trimmed stdout. */
export function workspaceGit(...args: string[]): string { return git(workspaceFolder().uri.fsPath, ...args); }

/** A pipeline of Unit Tests, then Deploy Prod (environment: production), each echoing the sha it runs for. */
export function testThenDeploy(trigger: 'manual' | 'commit'): string {
  return `version: 1
trigger: ${trigger}
stages:
  - name: Unit Tests
    run: echo "testing $GEARSHIFT_SHA"
  - name: Deploy Prod
    run: echo "deploying $GEARSHIFT_SHA"
    environment: production
`;
}

/** Writes .gearshift.yml for one test and returns a function that puts the original back. */
export function usePipeline(text: string): () => void {
  const file = configPath();
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text);
  return () => fs.writeFileSync(file, original);
}

/** vscode.window's functions replaced for one test (a notification's answer, a pick), put back after. */
export function patchWindow(patch: Record<string, unknown>): () => void {
  const win = vscode.window as unknown as Record<string, unknown>;
  const saved = Object.fromEntries(Object.keys(patch).map((k) => [k, win[k]]));
  Object.assign(win, patch);
  return () => { Object.assign(win, saved); };
}

/** Polls a condition the UI has no event for, with a bounded wait and a clear failure. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) { return v; }
    if (Date.now() > deadline) { throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`); }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Deploy to Production twice through the command (confirmed): both slots then hold a release, the second one live. */
export async function deployProductionTwice(): Promise<void> {
  for (const n of [1, 2]) {
    const d = await vscode.commands.executeCommand<{ result: string; message: string }>('gearshift.deployProduction', { confirmed: true });
    assert.strictEqual(d?.result, 'ok', `deploy ${n}: ${d?.message}`);
  }
}

/** The flags chunk loads just after activation: resolves once its commands exist, bounded at 20 s. */
export async function flagsCommandsRegistered(): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await vscode.commands.getCommands(true)).includes('gearshift.flagsSnapshot')) {
    if (Date.now() > deadline) { throw new Error('the flags chunk did not register its commands within 20 s'); }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function historyLines(): { kind: string; run?: { id: string; state: string } }[] {
  const file = path.join(workspaceFolder().uri.fsPath, '.git', 'gearshift', 'history.jsonl');
  if (!fs.existsSync(file)) { return []; }
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** The status bar tooltip's Markdown as a reader sees it: no &nbsp; or backslash escapes. */
export function readableTooltip(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/** `gearshift run` in the workspace (or `cwd`), as a git hook or a terminal would (CI=true: nobody is asked): resolves with its exit code. */
export function cliRun(extraEnv: NodeJS.ProcessEnv = {}, cwd = workspaceFolder().uri.fsPath): Promise<number> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '', 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'run', '--no-alerts'], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', CI: 'true', ...extraEnv } },
      (err) => resolve(err ? (typeof err.code === 'number' ? err.code : -1) : 0));
  });
}

/** The arguments of the first `[..](command:ID?ARGS)` link for `command` in markdown `text` ([] without any); the test runs the link as a click would. */
export function commandLinkArgs(text: string, command: string): unknown[] {
  const link = new RegExp(`\\(command:${command.replace(/\./g, '\\.')}(?:\\?([^)\\s]+))?\\)`).exec(text);
  assert.ok(link, `no ${command} link in: ${text}`);
  return link[1] === undefined ? [] : JSON.parse(decodeURIComponent(link[1])) as unknown[];
}
