/**
 * `stage` lines give an interrupted run's stage its start: a stage whose process started and never
 * ended (kill -9 of the CLI, the window closed) ran, so a production one counts as reached and
 * `gearshift history` says `prod (unchanged)`, not `-` (review33 M2). The start is put on the stage
 * itself: the cleanup's end line drops `processes` (engine/leftovers.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { HistoryStore } from '../../../src/core/history';
import { cleanUpDeadRunsIn } from '../../../src/core/engine/leftovers';
import { environmentWords } from '../../../src/core/engine';
import { reachedProduction } from '../../../src/core/engine/prodChange';
import { isProductionDeploy } from '../../../src/core/gears/deploys';
import { compactRun } from '../../../src/core/gears/compact';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { deadPid, makeRun, rawLine, stage } from './historyFixture';

const START_AT = '2024-05-01T10:00:00.000Z';
const TESTS_END_AT = '2024-05-01T10:00:01.000Z';
const DEPLOY_AT = '2024-05-01T10:00:01.200Z';

describe('history: stage lines start an interrupted run\'s stage', () => {
  after(cleanupTempDirs);

  function storeWith(content: string): HistoryStore {
    const file = path.join(tempDir(), 'history.jsonl');
    fs.writeFileSync(file, content);
    return new HistoryStore(file);
  }

  const deployRun = () => makeRun('killed', {
    environment: 'production', productionStages: ['Deploy Prod'],
    stages: [stage('Unit Tests', 'pending'), stage('Deploy Prod', 'pending'), stage('Smoke', 'pending')],
  });
  const stageLine = (pid: number, name: string, at: string, pgid: number): string =>
    JSON.stringify({ ...JSON.parse(rawLine('stage', { id: 'killed', state: 'running' }, { pid, at })) as object, proc: { stage: name, pgid } }) + '\n';

  /** Killed while Deploy Prod ran: Unit Tests passed (its stage and stageEnd lines), Deploy Prod only started. */
  function killedInProduction(pid: number): string {
    return rawLine('start', deployRun(), { pid, at: START_AT })
      + stageLine(pid, 'Unit Tests', START_AT, 999_991)
      + rawLine('stageEnd', { id: 'killed', state: 'running', stages: [stage('Unit Tests', 'passed', { startedAt: START_AT })] }, { pid, at: TESTS_END_AT })
      + stageLine(pid, 'Deploy Prod', DEPLOY_AT, 999_992)
      + stageLine(pid, 'Deploy Prod', '2024-05-01T10:00:05.000Z', 999_993); // a second process of the stage: its first one is the start
  }

  it('the started stage reads cancelled with its start, the one never reached without; production counts as reached', async () => {
    for (const limit of [undefined, 1]) { // a whole read and a read from the end (tailRead.ts)
      const { runs, problems } = await storeWith(killedInProduction(deadPid())).read({ limit });
      assert.deepStrictEqual(problems, []);
      const run = runs[0];
      assert.deepStrictEqual(run.stages.map((s) => [s.name, s.state, s.startedAt]),
        [['Unit Tests', 'passed', START_AT], ['Deploy Prod', 'cancelled', DEPLOY_AT], ['Smoke', 'cancelled', undefined]], `limit ${limit}`);
      assert.strictEqual(run.state, 'interrupted');
      assert.strictEqual(reachedProduction(run), true);
      assert.strictEqual(environmentWords(run), 'prod (unchanged)');
    }
  });

  it('the cleanup\'s end line (no processes) keeps the start: still reached; never a production deploy that succeeded', async () => {
    const store = storeWith(killedInProduction(deadPid()));
    await cleanUpDeadRunsIn((await store.read()).runs, store, undefined, 10);
    const { runs } = await store.read();
    assert.strictEqual(runs[0].processes, undefined, 'the end line is the cleanup\'s');
    assert.ok(runs[0].cleanup, 'cleaned up');
    assert.strictEqual(runs[0].stages[1].startedAt, DEPLOY_AT);
    assert.strictEqual(environmentWords(runs[0]), 'prod (unchanged)');
    const compact = compactRun(runs[0]);
    assert.ok(compact);
    assert.strictEqual(isProductionDeploy(compact, new Set(['Deploy Prod'])), false, 'a killed production stage is no deploy for the DORA numbers');
  });
});
