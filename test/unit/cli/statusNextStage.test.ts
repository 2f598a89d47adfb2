import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeRun, rawLine, stage } from '../history/historyFixture';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const MONITOR = (baseline: string): string[] => [
  'deploy:', '  slots: [blue, green]', '  switch: "true"',
  'monitor:', '  window: 2m', '  interval: 1m', `  baseline: ${baseline}`, '  probes:', '    - command: "echo 0"',
];

/**
 * Another process's run between stages (no history line says what holds it): `status` names the stage ahead
 * (faults38 F2). Ahead of the run's first production stage, with a pipeline whose deploy samples a monitoring
 * baseline, the baseline is named among the waits (rereview38b F6: it read "an approval or the deploy lock").
 * A real deploy in its baseline: test/system/cli/statusBaseline.test.ts.
 */
describe('status: the stage ahead of a run between stages, and what may hold it', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** A live writer (this process) whose run has ended `ended` and begun nothing else. */
  function repoBetween(baseline: string, ended: string[]): string {
    const names = ['Build', 'Deploy Prod', 'Smoke Prod'];
    const yml = pipeline(names.map((name) => ({ name, run: 'true', ...(name !== 'Build' ? { extra: ['environment: production'] } : {}) })));
    const repo = ws.repo(`${yml}${MONITOR(baseline).join('\n')}\n`);
    const file = path.join(repo, '.git', 'gearshift', 'history.jsonl');
    const run = makeRun('live-run', {
      startedAt: new Date().toISOString(), state: 'running', environment: 'production', productionStages: ['Deploy Prod', 'Smoke Prod'],
      stages: names.map((n) => stage(n, 'pending')),
    });
    const lines = [rawLine('start', run)];
    ended.forEach((name, i) => {
      const at = new Date().toISOString();
      lines.push(`${JSON.stringify({ v: 1, kind: 'stage', at, pid: process.pid, host: os.hostname(), run: { id: 'live-run', state: 'running' }, proc: { stage: name, pgid: 900_000 + i, start: '1' } })}\n`);
      lines.push(rawLine('stageEnd', { id: 'live-run', state: 'running', stages: [stage(name, 'passed')] }, { at }));
    });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, lines.join(''));
    return repo;
  }

  const nextLine = async (repo: string): Promise<string> => {
    const res = await runMain(['status'], { cwd: repo });
    assert.equal(res.code, 0, res.stderr);
    return /\n {2}next {6}.*\n/.exec(res.stdout)?.[0].trim() ?? `no next line in:\n${res.stdout}`;
  };

  it('ahead of the first production stage, with a baseline: the baseline is named first', async () => {
    assert.equal(await nextLine(repoBetween('1m', ['Build'])), 'next      Deploy Prod, not started yet (waiting: the monitoring baseline, an approval or the deploy lock)');
  });

  it('the pipeline samples no baseline (baseline: 0): an approval or the deploy lock', async () => {
    assert.equal(await nextLine(repoBetween('0', ['Build'])), 'next      Deploy Prod, not started yet (an approval or the deploy lock may hold it)');
  });

  it('a production stage after the first one (its deploy has its baseline): no baseline named', async () => {
    assert.equal(await nextLine(repoBetween('1m', ['Build', 'Deploy Prod'])), 'next      Smoke Prod, not started yet (an approval or the deploy lock may hold it)');
  });
});
