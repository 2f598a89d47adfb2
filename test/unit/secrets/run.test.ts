import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineEngine } from '../../../src/core/engine/engine';
import { StageLogs } from '../../../src/core/engine';
import { groupMembers } from '../../../src/core/pipeline';
import { environOf } from '../../../src/core/pipeline/procEnviron';
import { RunRenderer } from '../../../src/core/render';
import { parsePipelineText } from '../../../src/core/config';
import { RunSecrets } from '../../../src/core/engine/runSecrets';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';

const SECRET = 'run-s3cret-Value/42+';
/** Prints the secret whole, split across two writes with a pause, base64'd and URL-encoded, on both streams. */
const PRINTS = [
  'printf "%s" "$TOKEN" > token.txt',
  'echo "plain: $TOKEN"',
  'printf "split: %s" "$(printf %s "$TOKEN" | cut -c1-7)"; sleep 0.01; printf "%s\\n" "$(printf %s "$TOKEN" | cut -c8-)"',
  'printf "%s" "$TOKEN" | base64',
  'echo "err: $TOKEN" >&2',
  'node -e "console.log(encodeURIComponent(process.env.TOKEN))"',
].join('; ');

/**
 * argv and environ of each live member of the stage's group; members gone before their read are
 * left out. The environ through the scanner's own reader: a member caught mid-exec (the loop's
 * `sleep`) reads empty from /proc until the kernel has placed it (docs/reliability.md), which a
 * plain read took for an environment without the value (seen once in a full run).
 */
function readMembers(pid: number, startTime: string | undefined): Array<{ argv: string; env: string }> {
  const read: Array<{ argv: string; env: string }> = [];
  for (const member of groupMembers(pid, startTime)) {
    try {
      const argv = fs.readFileSync(`/proc/${member}/cmdline`, 'utf8');
      const env = environOf(member)?.toString('utf8');
      if (env !== undefined) { read.push({ argv, env }); }
    } catch { /* ended after the listing */ }
  }
  return read;
}

describe('secrets: a run masks them wherever its output goes; values reach stages only as env', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  function engineFor(repo: string, secrets: Record<string, string>): PipelineEngine {
    return new PipelineEngine({ folder: repo, color: false, killGraceMs: 200, secrets: (name) => secrets[name] });
  }

  it('terminal text, stage logs, history and the record hold *** but never the value; the stage got it', async () => {
    const repo = ws.repo(pipeline([{ name: 'Deploy', run: `${PRINTS}; exit 3`, extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
    const engine = engineFor(repo, { DEPLOY_TOKEN: SECRET });
    const renderer = new RunRenderer({ color: false });
    const logs = new StageLogs();
    let terminal = '';
    engine.onEvent((e) => { terminal += renderer.render(e); logs.onEvent(e); });
    const outcome = await engine.start({ trigger: 'manual' });
    assert.strictEqual(outcome.kind, 'started');
    const record = outcome.kind === 'started' ? await outcome.done : assert.fail();
    await engine.dispose();
    assert.strictEqual(record.state, 'red');
    assert.strictEqual(fs.readFileSync(path.join(repo, 'token.txt'), 'utf8'), SECRET, 'the stage got the value in its env');
    const log = logs.get('Deploy') ?? '';
    for (const [where, text] of [['terminal', terminal], ['stage log', log], ['history', historyLines(repo).join('\n')]] as const) {
      assert.ok(!text.includes(SECRET), `${where} holds the secret:\n${text}`);
      assert.ok(!text.includes(Buffer.from(SECRET).toString('base64').slice(0, 20)), `${where} holds its base64`);
      assert.ok(!text.includes(encodeURIComponent(SECRET)), `${where} holds its URL-encoded form`);
    }
    assert.match(log, /plain: \*\*\*\nsplit: \*\*\*\n\*\*\*/);
    assert.match(log, /err: \*\*\*/);
    assert.match(terminal, /plain: \*\*\*/);
  });

  it('a secret is in no stage process\'s argv, only in its environment', async () => {
    const repo = ws.repo(pipeline([{ name: 'Deploy', run: 'sh -c "while [ ! -f go ]; do sleep 0.02; done" & wait', extra: ['env:', '  TOKEN: "x-${{ secrets.DEPLOY_TOKEN }}"'] }]));
    const engine = engineFor(repo, { DEPLOY_TOKEN: SECRET });
    const seen: Array<{ argv: string; env: string }> = [];
    engine.onEvent((e) => {
      if (e.type !== 'stageStarted' || e.pid === undefined) { return; }
      const { pid, startTime } = e;
      // Wait (bounded, polling without blocking the loop) until both shells are read (a loop's
      // `sleep 0.02` may be listed and gone before its read), then let the stage go, always.
      void (async () => {
        const deadline = Date.now() + 10_000;
        try {
          let read = readMembers(pid, startTime);
          while (read.length < 2 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 10));
            read = readMembers(pid, startTime);
          }
          seen.push(...read);
        } finally {
          fs.writeFileSync(path.join(repo, 'go'), ''); // a stage waiting forever would hide the failure behind a timeout
        }
      })();
    });
    const outcome = await engine.start({ trigger: 'manual' });
    const record = outcome.kind === 'started' ? await outcome.done : assert.fail(JSON.stringify(outcome));
    await engine.dispose();
    assert.strictEqual(record.state, 'green');
    assert.ok(seen.length >= 2, `read ${seen.length} processes`);
    for (const p of seen) {
      assert.ok(!p.argv.includes(SECRET), `argv holds the secret: ${p.argv}`);
      assert.ok(p.env.split('\0').includes(`TOKEN=x-${SECRET}`), 'the value is in its env');
    }
  });

  it('a secret not set stops the run before any stage: refused naming it, no stage ran, no history line', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Build', run: 'touch built.txt' },
      { name: 'Deploy', run: 'touch deployed.txt', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"', '  OTHER: "${{ secrets.ALSO_MISSING }}"'] },
    ]));
    const engine = engineFor(repo, { DEPLOY_TOKEN: '' });
    const outcome = await engine.start({ trigger: 'manual' });
    await engine.dispose();
    assert.strictEqual(outcome.kind, 'refused');
    assert.deepStrictEqual(outcome.kind === 'refused' ? outcome.missingSecrets : undefined, ['ALSO_MISSING', 'DEPLOY_TOKEN']);
    assert.ok(!fs.existsSync(path.join(repo, 'built.txt')) && !fs.existsSync(path.join(repo, 'deployed.txt')), 'no stage ran');
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('only the selected stages\' secrets are needed: `--stage Build` runs without the deploy token', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Build', run: 'touch built.txt' },
      { name: 'Deploy', run: 'true', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] },
    ]));
    const engine = engineFor(repo, {});
    const outcome = await engine.start({ trigger: 'manual', only: 'Build' });
    const record = outcome.kind === 'started' ? await outcome.done : assert.fail(JSON.stringify(outcome));
    await engine.dispose();
    assert.strictEqual(record.state, 'green');
    assert.ok(fs.existsSync(path.join(repo, 'built.txt')));
  });

  // The lookup of a secret the run does not need (only masked with) failing, as SecretStorage can, refused `--stage Build`.
  it('a secret the selection does not need that cannot be read (the store fails) does not stop `--stage Build`', async () => {
    const repo = ws.repo(pipeline([
      { name: 'Build', run: 'touch built.txt' },
      { name: 'Deploy', run: 'true', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] },
    ]));
    const engine = new PipelineEngine({ folder: repo, color: false, killGraceMs: 200, secrets: () => Promise.reject(new Error('the keyring is locked')) });
    const outcome = await engine.start({ trigger: 'manual', only: 'Build' });
    const record = outcome.kind === 'started' ? await outcome.done : assert.fail(JSON.stringify(outcome));
    await engine.dispose();
    assert.strictEqual(record.state, 'green');
    assert.ok(fs.existsSync(path.join(repo, 'built.txt')));
  });

  it('a probe URL\'s secret is needed only by a run reaching production, and filled in for the deploy hooks alone', async () => {
    const parsed = parsePipelineText([
      'version: 1', 'stages:', '  - { name: Build, run: make }', '  - { name: Ship, run: ./ship, environment: production }',
      'monitor:', '  window: 1m', '  probes:', '    - http: "https://app.example.com/health?key=${{ secrets.PROBE_KEY }}"',
    ].join('\n'), '/repo/.gearshift.yml');
    assert.ok(parsed.ok);
    const none = new RunSecrets(() => undefined);
    assert.strictEqual(await none.prepare(parsed.pipeline, { only: 'Build' }), undefined, 'Build alone needs no probe key');
    assert.deepStrictEqual((await none.prepare(parsed.pipeline, {}))?.missingSecrets, ['PROBE_KEY']);
    const set = new RunSecrets((name) => (name === 'PROBE_KEY' ? 'probe-key-value' : undefined));
    assert.strictEqual(await set.prepare(parsed.pipeline, {}), undefined);
    const probe = set.forHooks(parsed.pipeline).monitor?.probes[0];
    assert.strictEqual(probe?.kind === 'http' ? probe.url : '', 'https://app.example.com/health?key=probe-key-value');
    assert.ok(parsed.pipeline.monitor?.probes[0].kind === 'http' && parsed.pipeline.monitor.probes[0].url.includes('${{'), 'the parsed pipeline keeps the reference');
  });
  it('recordRun (a record no run wrote) masks with every secret the file references that is set, whatever the operation passed', async () => {
    const HOOK = 'hook-path-T0ken-61c2';
    const repo = ws.repo(`${pipeline([{ name: 'Deploy', run: 'true', extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }])}alerts:\n  webhook: "http://127.0.0.1:9/\${{ secrets.HOOK }}"\n`);
    const engine = engineFor(repo, { DEPLOY_TOKEN: SECRET, HOOK });
    const record = {
      id: 'rec-1', sha: 'none', branch: SECRET, trigger: 'switch', startedAt: new Date().toISOString(), endedAt: new Date().toISOString(), state: 'green' as const,
      stages: [{ name: 'Deploy', state: 'skipped' as const, exitCode: null, durationMs: 0, reason: `not selected: ${HOOK}` }], deploy: { message: `to ${SECRET} via ${HOOK}` },
    };
    const written = await engine.recordRun(record);
    await engine.dispose();
    const lines = historyLines(repo).join('\n');
    assert.ok(!lines.includes(SECRET) && !lines.includes(HOOK), lines);
    assert.deepStrictEqual([written.branch, written.stages[0].reason, written.deploy], ['***', 'not selected: ***', { message: 'to *** via ***' }]);
    assert.strictEqual(record.branch, SECRET, 'the caller\'s object is left alone');
  });
});
