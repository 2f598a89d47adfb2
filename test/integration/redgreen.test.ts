import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/pipeline/types';
import { api, cliRun, readableTooltip, usePipeline, waitFor, workspaceFolder } from './helpers';


const failing = (hook: string): string => `version: 1
alerts:
  webhook: ${hook}
stages:
  - name: Unit Tests
    run: echo "1 test failed" && exit 1
`;

const fixed = (hook: string): string => `version: 1
alerts:
  webhook: ${hook}
stages:
  - name: Unit Tests
    run: echo "all tests pass"
`;

describe('red/green in the real extension host', () => {
  const bodies: Record<string, unknown>[] = [];
  let server: http.Server;
  let hook = '';

  before(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => { data += c.toString(); });
      req.on('end', () => { bodies.push(JSON.parse(data) as Record<string, unknown>); res.end('ok'); });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await (await api()).automation();
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => { bodies.length = 0; }); // each test proves its own POSTs

  it('a failing run turns the item red with a timer, a tooltip naming the stage, and a webhook POST', async () => {
    const restore = usePipeline(failing(hook));
    try {
      const gearshift = await api();
      // Start from green (earlier suites may have left it red), so this run opens a new red period.
      const fix = usePipeline(fixed(hook));
      const green = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      fix(); // back to the failing file
      assert.strictEqual(green?.state, 'green');
      const red = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(red?.state, 'red');
      const s = await waitFor('the red timer', () => { const x = gearshift.status(); return /red for \d+s/.test(x.text) ? x : undefined; });
      assert.match(s.text, /^\$\(error\) Gearshift: red for \d+s · Unit Tests$/);
      assert.strictEqual(s.background, 'statusBarItem.errorBackground');
      assert.match(readableTooltip(s.tooltip), /Failed stage: \*\*Unit Tests\*\*/);
      assert.match(s.tooltip, /command:gearshift\.rerunFromFailed/);
      const body = await waitFor('the red webhook', () => bodies.find((b) => b.event === 'red'));
      assert.strictEqual(body.failedStage, 'Unit Tests');
      assert.strictEqual(body.state, 'red');
      assert.match(String(body.text), /pipeline is red/);
    } finally {
      restore();
    }
  });

  it('a fixed pipeline turns it green again and says so to the webhook', async () => {
    const restore = usePipeline(fixed(hook));
    try {
      const gearshift = await api();
      const run = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(run?.state, 'green');
      await waitFor('green', () => /Gearshift: green/.test(gearshift.status().text));
      assert.strictEqual(gearshift.status().background, undefined);
      const green = await waitFor('the back-to-green webhook', () => bodies.find((b) => b.event === 'green'));
      assert.strictEqual(green.state, 'green');
    } finally {
      restore();
    }
  });

  it('a green Run Stage that leaves the pipeline red says so in the terminal under its verdict, as the status bar stays red', async () => {
    const twoStages = (unit: string): string => `version: 1\nstages:\n  - name: Lint\n    run: echo lint ok\n  - name: Unit Tests\n    run: ${unit}\n`;
    // eslint-disable-next-line no-control-regex -- the terminal's colour codes are what is stripped
    const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\r\n/g, '\n');
    const gearshift = await api();
    const restore = usePipeline(twoStages('echo "all tests pass"'));
    try {
      // From green (earlier suites may have left it red), so the red run below opens the period.
      assert.strictEqual((await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline'))?.state, 'green');
      usePipeline(twoStages('echo "1 test failed" && exit 1'));
      const red = await vscode.commands.executeCommand<RunRecord>('gearshift.runPipeline');
      assert.strictEqual(red?.state, 'red');
      const lint = await vscode.commands.executeCommand<RunRecord>('gearshift.runStage', 'Lint');
      assert.strictEqual(lint?.state, 'green');
      const text = plain(gearshift.terminalText(workspaceFolder()));
      const lintRun = text.slice(text.lastIndexOf(`run ${lint.id.slice(0, 8)}`));
      assert.match(lintRun, new RegExp(`\nPipeline GREEN[^\n]*\n {2}the pipeline is still red since [^(]+ \\(Unit Tests failed in run ${red.id.slice(0, 8)}\\): `
        + 'Unit Tests was not in this run; to end it, run Unit Tests \\(or the whole pipeline\\) green\n'), lintRun);
      assert.strictEqual(gearshift.status().status.kind, 'red');

      usePipeline(twoStages('echo "all tests pass"'));
      const fixed = await vscode.commands.executeCommand<RunRecord>('gearshift.runStage', 'Unit Tests');
      assert.strictEqual(fixed?.state, 'green');
      const fixedText = plain(gearshift.terminalText(workspaceFolder()));
      assert.doesNotMatch(fixedText.slice(fixedText.lastIndexOf(`run ${fixed.id.slice(0, 8)}`)), /still red/);
      await waitFor('green after the failed stage passed', () => /Gearshift: green/.test(gearshift.status().text));
    } finally {
      restore();
    }
  });

  it('a red run from the CLI (a git hook, a terminal) turns the editor red too, with no command', async () => {
    const restore = usePipeline(failing(hook));
    try {
      const gearshift = await api();
      assert.strictEqual(await cliRun(), 1);
      // The state turns red as soon as the run is read; the red timer follows once history is folded.
      const s = await waitFor('the status bar to follow the CLI run', () => { const x = gearshift.status(); return /red for \d+s · Unit Tests/.test(x.text) ? x : undefined; });
      assert.strictEqual(s.status.kind, 'red');
      assert.strictEqual(gearshift.lastRun(workspaceFolder())?.trigger, 'cli');
    } finally {
      restore();
    }
    const fix = usePipeline(fixed(hook));
    try {
      assert.strictEqual(await cliRun(), 0);
      const g = await api();
      await waitFor('green again after the CLI run', () => /Gearshift: green/.test(g.status().text));
    } finally {
      fix();
    }
  });

  it('a CLI run in progress shows each stage it reaches, not only the first', async () => {
    // Each stage waits for its own file: the test says when a stage may end, no timing involved.
    const gates = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-gates-'));
    const restore = usePipeline(`version: 1
stages:
  - name: First
    run: while [ ! -e "$GATES/first" ]; do sleep 0.05; done
  - name: Second
    run: while [ ! -e "$GATES/second" ]; do sleep 0.05; done
`);
    let exit: Promise<number> | undefined;
    try {
      const gearshift = await api();
      exit = cliRun({ GATES: gates });
      await waitFor('the first stage in the status bar', () => /Gearshift: First \(1\/2\)/.test(gearshift.status().text), 30_000);
      fs.writeFileSync(path.join(gates, 'first'), '');
      await waitFor('the second stage in the status bar', () => /Gearshift: Second \(2\/2\)/.test(gearshift.status().text))
        .catch((e: Error) => { throw new Error(`${e.message}; it says: ${gearshift.status().text}`); });
      fs.writeFileSync(path.join(gates, 'second'), '');
      assert.strictEqual(await exit, 0);
      await waitFor('green after the CLI run', () => /Gearshift: green/.test(gearshift.status().text));
    } finally {
      for (const f of ['first', 'second']) { fs.writeFileSync(path.join(gates, f), ''); } // a failed wait must not leave the run waiting
      await exit;
      restore();
      fs.rmSync(gates, { recursive: true, force: true });
    }
  });
});
