/**
 * Saved stage logs (core/runlog) from real runs: a real engine in a real git repo, real stages,
 * files read back from `<git common dir>/gearshift/runlogs/`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine';
import { keepRunLogs, listSavedRuns, readStageLog, savedStages, HEAD_BYTES, TAIL_BYTES, type RunLogRecorder } from '../../../src/core/runlog';
import { pipeline, Workspaces } from '../../support/workspaces';

const SECRET = 'hunter2-s3cr3t-value';

describe('runlog: a run\'s stage output is saved beside history', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  const engines: PipelineEngine[] = [];
  afterEach(async () => { await Promise.all(engines.splice(0).map((e) => e.dispose())); ws.cleanup(); });

  function engineFor(repo: string): { engine: PipelineEngine; logs: RunLogRecorder } {
    const engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 200, secrets: (name) => (name === 'TOKEN' ? SECRET : undefined) });
    engines.push(engine);
    return { engine, logs: keepRunLogs(engine, { mask: (t) => engine.secrets.mask(t) }) };
  }

  async function runOnce(repo: string): Promise<{ id: string; dataDir: string; state: string }> {
    const { engine, logs } = engineFor(repo);
    const outcome = await engine.start({ trigger: 'manual' });
    const record = outcome.kind === 'started' ? await outcome.done : assert.fail(JSON.stringify(outcome));
    await logs.idle();
    return { id: record.id, dataDir: await engine.dataDir(), state: record.state };
  }

  it('a flood (8 MiB through one stage) keeps the first 64 KiB and the last 1 MiB, and says how many bytes it left out', async () => {
    // Numbered lines: the first and the last are known, so what was kept is checked exactly.
    const repo = ws.repo(pipeline([{ name: 'Flood', run: 'seq -f "line %08g of a flood" 1 400000; exit 3' }]));
    const { id, dataDir, state } = await runOnce(repo);
    assert.equal(state, 'red');
    const log = await readStageLog(dataDir, id, 'Flood') ?? assert.fail('no log');
    const total = 400000 * 'line 00000001 of a flood\n'.length;
    assert.equal(log.header?.bytes, total);
    assert.equal(log.header?.omitted, total - HEAD_BYTES - TAIL_BYTES);
    assert.equal(log.header?.state, 'failed');
    assert.equal(log.header?.exitCode, 3);
    assert.ok(log.text.startsWith('line 00000001 of a flood\n'), log.text.slice(0, 60));
    assert.ok(log.text.endsWith('line 00400000 of a flood\n[gearshift: failed: exited with code 3]\n'), log.text.slice(-80));
    assert.match(log.text, new RegExp(`\\[… gearshift: ${total - HEAD_BYTES - TAIL_BYTES} bytes of output left out here`));
    const size = fs.statSync(path.join(dataDir, 'runlogs', id, 'stage-0.log')).size;
    assert.ok(size < HEAD_BYTES + TAIL_BYTES + 1024, `file of ${size} bytes`);
  });

  it('a stage that fails before printing anything saves why (its result line), not an empty log (review19b 3)', async () => {
    const repo = ws.repo(pipeline([{ name: 'Nowhere', run: 'echo never', extra: ['cwd: no-such-folder'] }]));
    const { id, dataDir } = await runOnce(repo);
    const log = await readStageLog(dataDir, id, 'Nowhere') ?? assert.fail('no log');
    assert.match(log.text, /^\[gearshift: failed: working directory not found: .*no-such-folder\]\n$/);
    assert.match(log.header?.reason ?? '', /^working directory not found/);
  });

  it('saved files are this user\'s only: the runlogs folder 0700, files 0600 (review19b 5)', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'echo a' }]));
    const { id, dataDir } = await runOnce(repo);
    assert.equal(fs.statSync(path.join(dataDir, 'runlogs')).mode & 0o777, 0o700);
    for (const file of fs.readdirSync(path.join(dataDir, 'runlogs', id))) {
      assert.equal(fs.statSync(path.join(dataDir, 'runlogs', id, file)).mode & 0o777, 0o600, file);
    }
  });

  it('a secret split across two chunks of output is saved masked, as the terminal shows it', async () => {
    const half = SECRET.length >> 1;
    const run = `printf 'token=%s' "$(echo "$TOKEN" | cut -c1-${half})"; sleep 0.3; printf '%s done\\n' "$(echo "$TOKEN" | cut -c${half + 1}-)"; printf 'again %s\\n' "$TOKEN"`;
    const repo = ws.repo(pipeline([{ name: 'Deploy', run, extra: ['env:', '  TOKEN: "${{ secrets.TOKEN }}"'] }]));
    const { id, dataDir } = await runOnce(repo);
    const log = await readStageLog(dataDir, id, 'Deploy') ?? assert.fail('no log');
    assert.match(log.text, /token=\*\*\* done\nagain \*\*\*\n/);
    for (const file of fs.readdirSync(path.join(dataDir, 'runlogs', id))) {
      assert.ok(!fs.readFileSync(path.join(dataDir, 'runlogs', id, file), 'utf8').includes(SECRET.slice(0, half)), file);
    }
  });

  it('stage names like ../x and /etc/passwd are data: files are named by index, inside the run\'s folder', async () => {
    const repo = ws.repo(['version: 1', 'stages:', '  - name: "../x"', '    run: echo dots', '  - name: "/etc/passwd"', '    run: echo newline', ''].join('\n'));
    const { id, dataDir } = await runOnce(repo);
    assert.deepEqual(fs.readdirSync(path.join(dataDir, 'runlogs', id)).sort(), ['run.json', 'stage-0.log', 'stage-1.log']);
    assert.deepEqual(fs.readdirSync(path.join(dataDir, 'runlogs')).sort(), ['.prune-index.json', id]); // the run's folder and the prune's memo
    assert.ok(!fs.existsSync(path.join(dataDir, 'x')) && !fs.existsSync(path.join(dataDir, 'runlogs', 'x')));
    assert.equal((await readStageLog(dataDir, id, '../x'))?.text, 'dots\n');
    assert.equal((await readStageLog(dataDir, id, '/etc/passwd'))?.text, 'newline\n');
    assert.deepEqual((await savedStages(dataDir, id))?.map((s) => s.header.stage), ['../x', '/etc/passwd']);
  });

  it('a stage that never started has no log; one that printed nothing has an empty one', async () => {
    const repo = ws.repo(pipeline([{ name: 'Quiet', run: 'true' }, { name: 'Fails', run: 'exit 1' }, { name: 'After', run: 'echo never' }]));
    const { id, dataDir } = await runOnce(repo);
    assert.deepEqual((await savedStages(dataDir, id))?.map((s) => [s.header.stage, s.header.state]), [['Quiet', 'passed'], ['Fails', 'failed']]);
    assert.equal((await readStageLog(dataDir, id, 'Quiet'))?.text, '');
    assert.equal(await readStageLog(dataDir, id, 'After'), undefined);
    const [saved] = await listSavedRuns(dataDir);
    assert.equal(saved.meta.id, id);
    assert.equal(saved.meta.state, 'red');
  });
});
