import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { PipelineAlerts } from '../../../src/core/automation/pipelineAlerts';
import { PipelineEngine } from '../../../src/core/engine/engine';
import type { EngineEvent } from '../../../src/core/engine';
import type { EscalationEvent } from '../../../src/core/redgreen/escalation';
import { RunRenderer } from '../../../src/core/render';
import { historyFile, Repos, runBrokenOrNot } from '../engine/engineFixture';

/**
 * review36 F4: a stage whose name holds a secret's value ("Ship as deployer", SSH_USER=deployer).
 * History has it masked ("Ship as ***"); the live run has it as written. Real engines, real runs.
 */
const SECRET = 'deployer';
const PIPELINE = 'version: 1\nstages:\n  - name: Build\n    run: echo built\n'
  + `  - name: Ship as ${SECRET}\n    env:\n      U: "\${{ secrets.SSH_USER }}"\n    run: test ! -e broken\n`;

describe('secrets: a stage named with a secret\'s value (review36 F4)', function () {
  this.timeout(30_000);
  const repos = new Repos();
  const engines: PipelineEngine[] = [];
  const watchers: PipelineAlerts[] = [];
  afterEach(async () => {
    for (const w of watchers.splice(0)) { w.dispose(); }
    await Promise.all(engines.splice(0).map((e) => e.dispose()));
    repos.cleanup();
  });

  function engineFor(repo: string): PipelineEngine {
    const engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 500, secrets: (name) => (name === 'SSH_USER' ? SECRET : undefined) });
    engines.push(engine);
    return engine;
  }
  const run = runBrokenOrNot;

  it('back to green after a red run read from history says the stage passes again, not that it was removed', async () => {
    const repo = repos.make(PIPELINE);
    await run(engineFor(repo), repo, true); // an earlier process (a CLI run): its red is in history only
    const engine = engineFor(repo);
    const alerts = new PipelineAlerts(engine, { reminderMs: 0, log: () => undefined });
    watchers.push(alerts);
    const events: EscalationEvent[] = [];
    alerts.onEscalation((e) => events.push(e));
    await alerts.start();
    await run(engine, repo, false);
    const back = events.find((e) => e.type === 'backToGreen') ?? assert.fail(`no backToGreen: ${events.map((e) => e.type).join(', ')}`);
    assert.match(back.message, /: Back to green after \S+: Ship as \*\*\* passes again \(main at /);
  });

  it('history\'s stage line has the name masked, as the run\'s other lines do', async () => {
    const repo = repos.make(PIPELINE);
    await run(engineFor(repo), repo, false);
    const lines = fs.readFileSync(historyFile(repo), 'utf8').split('\n').filter(Boolean);
    const stageLines = lines.filter((l) => (JSON.parse(l) as { kind?: string }).kind === 'stage');
    assert.ok(stageLines.some((l) => l.includes('Ship as ***')), stageLines.join('\n'));
    assert.deepStrictEqual(lines.filter((l) => l.includes(SECRET)), []);
  });

  it('the run\'s table pads by the name as shown (masked), so the columns line up', async () => {
    const repo = repos.make(PIPELINE);
    const engine = engineFor(repo);
    const record = await run(engine, repo, false);
    // The run's end as the terminal gets it (the CLI's and the editor's renderer, masking what it writes).
    const table = new RunRenderer({ color: false, mask: (text) => engine.secrets.mask(text) }).render({ type: 'runEnded', run: record } as EngineEvent);
    const rows = table.split('\n').filter((l) => /^\s+[✔✖·⊘]/.test(l) || l.trim().startsWith('Stage'));
    assert.strictEqual(rows.length, 3, table);
    const column = rows.map((l) => l.search(/Result|passed/));
    assert.deepStrictEqual(column, [column[0], column[0], column[0]], table);
    assert.ok(table.includes('Ship as ***'), table);
  });
});
