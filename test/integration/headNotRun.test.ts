import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { git as gitIn } from '../support/git';
import type { RunRecord } from '../../src/core/pipeline';
import { api, commandLinkArgs, patchWindow, usePipeline, waitFor, workspaceFolder } from './helpers';

const MANUAL = `version: 1
trigger: manual
stages:
  - name: Unit Tests
    run: "true"
`;
const ON_COMMIT = MANUAL.replace('trigger: manual', 'trigger: commit');
/** A stage's \`run:\` misspelt: the file is invalid (firsthour34 F10's typo). */
const INVALID = ON_COMMIT.replace('run:', 'command:');

/** The tooltip's Markdown as read: appendText writes spaces as &nbsp; and escapes punctuation. */
const plain = (md: string): string => md.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');

const git = (...args: string[]): string => gitIn(workspaceFolder().uri.fsPath, ...args);

function commitFile(name: string, text: string, message: string): string {
  fs.writeFileSync(path.join(workspaceFolder().uri.fsPath, name), text);
  git('add', name);
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

/** firsthour34 F5 and F10: the status item says when HEAD has not run, and when an invalid .gearshift.yml stops every run. */
describe('status item: HEAD not run, an invalid pipeline file', () => {
  let start = '';
  let restore: () => void = () => undefined;
  beforeEach(() => { start = git('rev-parse', 'HEAD'); });
  afterEach(async () => {
    const gearshift = await api();
    await waitFor('no run in progress', () => gearshift.status().status.kind !== 'running', 60_000).catch(() => undefined);
    restore();
    git('reset', '-q', '--hard', start);
  });

  it('trigger: manual: green, then a commit: "green · HEAD not run", the tooltip names HEAD and the run, with Run pipeline', async function () {
    this.timeout(120_000);
    restore = usePipeline(MANUAL);
    const gearshift = await api();
    await gearshift.automation();
    const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
    assert.strictEqual(run?.state, 'green');
    await waitFor('green for the run\'s commit', () => gearshift.status().text === '$(pass-filled) Gearshift: green', 30_000);
    const head = commitFile('f5.txt', 'x\n', 'f5: a commit nobody ran');
    const shown = await waitFor('the item to say HEAD was not run', () => (gearshift.status().text === '$(pass-filled) Gearshift: green · HEAD not run' ? gearshift.status() : undefined), 30_000);
    assert.ok(plain(shown.tooltip).includes(`HEAD ${head.slice(0, 8)} not run yet (last run: green on ${run.sha.slice(0, 8)})`), shown.tooltip);
    assert.deepStrictEqual(commandLinkArgs(shown.tooltip, 'gearshift.runPipeline'), [{ folderUri: workspaceFolder().uri.toString() }], 'the link names its folder (review34 F1b)');
    assert.strictEqual(shown.background, undefined);
  });

  it('trigger: commit: an invalid file committed: "$(warning) … .gearshift.yml invalid · HEAD not run", warning colour, click opens Problems, one warning', async function () {
    this.timeout(150_000);
    restore = usePipeline(ON_COMMIT);
    const warned: { message: string; items: unknown[] }[] = [];
    const unpatch = patchWindow({ showWarningMessage: (message: string, ...items: unknown[]) => { warned.push({ message, items }); return Promise.resolve(undefined); } });
    const gearshift = await api();
    const folder = workspaceFolder();
    try {
      await gearshift.automation();
      const good = commitFile('.gearshift.yml', ON_COMMIT, 'f10: trigger on commit');
      await waitFor('the commit\'s own green run', () => gearshift.lastRun(folder)?.sha === good && gearshift.lastRun(folder)?.state === 'green', 60_000);
      const bad = commitFile('.gearshift.yml', INVALID, 'f10: a typo in the pipeline');
      const shown = await waitFor('the item to say the file is invalid', () => (gearshift.status().text === '$(warning) Gearshift: .gearshift.yml invalid · HEAD not run' ? gearshift.status() : undefined), 30_000);
      assert.strictEqual(shown.background, 'statusBarItem.warningBackground');
      assert.strictEqual(shown.command?.id, 'workbench.actions.view.problems');
      assert.match(plain(shown.tooltip), new RegExp(`\\.gearshift\\.yml is invalid \\(\\d+ problems?\\): nothing runs until it is fixed; HEAD ${bad.slice(0, 8)} was not run\\.`));
      const toast = await waitFor('the warning on the first commit it stopped', () => warned.find((w) => w.message.includes(`so commit ${bad.slice(0, 8)} was not run`)), 30_000);
      assert.deepStrictEqual(toast.items, ['Open Problems', 'Open .gearshift.yml']);
      commitFile('f10.txt', 'x\n', 'f10: a second commit it stops');
      await waitFor('two commits not run', () => gearshift.status().text === '$(warning) Gearshift: .gearshift.yml invalid · 2 commits not run', 30_000);
      assert.strictEqual(warned.filter((w) => w.message.includes('.gearshift.yml is invalid')).length, 1, 'told once');
      assert.strictEqual(gearshift.lastRun(folder)?.sha, good, 'nothing ran');
    } finally {
      unpatch();
    }
  });

  it('HEAD\'s own run declined at a gate past green: "green · HEAD cancelled", the tooltip says its run was cancelled, not "not run yet" (review39 L3)', async function () {
    this.timeout(150_000);
    restore = usePipeline(`${MANUAL}  - name: Gate\n    run: "true"\n    approval: manual\n`);
    let answer = 'Approve';
    const unpatch = patchWindow({ showWarningMessage: (_m: string, ...items: unknown[]) => Promise.resolve(items.find((i) => typeof i === 'string' && i.startsWith(answer))) });
    const gearshift = await api();
    try {
      await gearshift.automation();
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(run?.state, 'green');
      const head = commitFile('l3.txt', 'x\n', 'l3: a commit whose run is declined at the gate');
      answer = 'Decline';
      const declined = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.deepStrictEqual([declined?.state, declined?.sha], ['cancelled', head]);
      const shown = await waitFor('the item to say HEAD\'s run was cancelled', () => (gearshift.status().text === '$(pass-filled) Gearshift: green · HEAD cancelled' ? gearshift.status() : undefined), 30_000);
      assert.match(plain(shown.tooltip), new RegExp(`HEAD ${head.slice(0, 8)}: its run was cancelled \\(Gate: [^\\n]+\\); last green ${run.sha.slice(0, 8)}, 1 commit before`), shown.tooltip);
      assert.ok(!plain(shown.tooltip).includes('not run yet'), shown.tooltip);
    } finally {
      unpatch();
    }
  });
});
