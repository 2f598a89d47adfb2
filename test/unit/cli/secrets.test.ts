import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AlertPayload } from '../../../src/core/alerts/payload';
import type { RunRecord } from '../../../src/core/pipeline/types';
import { startServer, type HookServer } from '../alerts/hookServer';
import { git } from '../../support/git';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/** Also a valid branch name: the record, history and webhook body then hold it outside stage output too. */
const SECRET = 'cli-s3cret-branch-value';
const STAGE = {
  name: 'Deploy',
  run: 'echo "out: $TOKEN"; echo "err: $TOKEN" >&2; printf %s "$TOKEN" | base64; touch ran.txt; [ -z "$FAIL" ]',
  extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'],
};

describe('gearshift run with secrets (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  const servers: HookServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    ws.cleanup();
  });

  it('reads GEARSHIFT_SECRET_<NAME>, masks stdout and stderr, and passes no other GEARSHIFT_SECRET_* on', async () => {
    const repo = ws.repo(pipeline([STAGE, { name: 'Peek', run: 'echo "other=[$GEARSHIFT_SECRET_UNUSED] own=[$GEARSHIFT_SECRET_DEPLOY_TOKEN]"' }]));
    const r = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET, GEARSHIFT_SECRET_UNUSED: 'unused-value' } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /out: \*\*\*\n/);
    assert.match(r.stdout, /err: \*\*\*\n/, 'stage stderr is shown on stdout, masked');
    assert.match(r.stdout, /other=\[\] own=\[\]/);
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!text.includes(SECRET) && !text.includes(Buffer.from(SECRET).toString('base64').slice(0, 16)), text);
    }
  });

  it('--json: the record on stdout and the output on stderr are masked, as is history, on a branch named like the secret', async () => {
    const repo = ws.repo(pipeline([STAGE]));
    git(repo, 'checkout', '-q', '-b', SECRET);
    const r = await runMain(['run', '--json'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET } });
    assert.strictEqual(r.code, 0, r.stderr);
    const record = JSON.parse(r.stdout) as RunRecord;
    assert.strictEqual(record.branch, '***');
    assert.match(r.stderr, /out: \*\*\*/);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
    const history = historyLines(repo).join('\n');
    assert.ok(history.includes('"branch":"***"') && !history.includes(SECRET), history);
  });

  // A run resolves only the secrets its stages use; its record (branch, subject, reasons) may hold any other the file references.
  it('a run\'s record, status, history and banner mask every referenced secret that is set, not only those the run used', async () => {
    const others = ['deploy:', '  strategy: blue-green', '  slots: [blue, green]', '  switch: ./switch.sh', '  env:', '    LB: "${{ secrets.LB_TOKEN }}"',
      'alerts:', '  webhook: "http://127.0.0.1:9/${{ secrets.HOOK_PATH }}"'].join('\n');
    const repo = ws.repo(`${pipeline([{ name: 'Unit', run: 'true' }, STAGE])}${others}\n`);
    const env = { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET, GEARSHIFT_SECRET_LB_TOKEN: 'lb-s3cret-value', GEARSHIFT_SECRET_HOOK_PATH: 'hook-s3cret-path' };
    for (const [value, args] of [[SECRET, ['run', '--stage', 'Unit']], ['lb-s3cret-value', ['run']], ['hook-s3cret-path', ['run', '--stage', 'Unit']]] as const) {
      git(repo, 'checkout', '-q', '-b', `b-${value}`);
      git(repo, 'commit', '-q', '--allow-empty', '-m', `subject ${value}`);
      const r = await runMain([...args], { cwd: repo, env });
      assert.strictEqual(r.code, 0, r.stderr);
      const status = await runMain(['status'], { cwd: repo, env: {} });
      const history = await runMain(['history', '--json'], { cwd: repo, env: {} });
      for (const [where, text] of [['history file', historyLines(repo).join('\n')], ['run', r.stdout + r.stderr], ['status', status.stdout], ['history', history.stdout]]) {
        assert.ok(!text.includes(value), `${where} holds ${value}:\n${text}`);
      }
      assert.match(r.stdout, / on b-\*\*\* /, 'the banner masks the branch');
    }
  });

  // A short secret that happens to be inside the commit id or the year must not turn the record's sha or times into
  // "800502ed***412a…" (no longer a commit: the deploy delivers nothing; and next to the public sha it spells the secret out).
  it('a set secret inside the commit id or a timestamp leaves the record\'s id, sha and times as they are', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }, STAGE]));
    const head = git(repo, 'rev-parse', 'HEAD');
    const year = String(new Date().getUTCFullYear());
    for (const value of [head.slice(8, 14), year]) {
      const r = await runMain(['run', '--stage', 'Unit', '--json'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: value } });
      assert.strictEqual(r.code, 0, r.stderr);
      const record = JSON.parse(r.stdout) as RunRecord;
      assert.strictEqual(record.sha, head, `sha with secret ${value}`);
      assert.ok(Number.isFinite(Date.parse(record.startedAt)) && Number.isFinite(Date.parse(record.endedAt ?? '')), `times with secret ${value}: ${record.startedAt}`);
      const last = JSON.parse(historyLines(repo).at(-1) as string) as { run: RunRecord };
      assert.strictEqual(last.run.sha, head, `history sha with secret ${value}`);
    }
  });

  it('a red run\'s webhook body (real 127.0.0.1 server) is masked; the webhook URL itself may be a secret', async () => {
    const hook = await startServer((_req, res) => res.end());
    servers.push(hook);
    const repo = ws.repo(`${pipeline([STAGE])}alerts:\n  webhook: "${hook.base}/hook/\${{ secrets.HOOK_PATH }}"\n`);
    git(repo, 'checkout', '-q', '-b', SECRET);
    const r = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET, GEARSHIFT_SECRET_HOOK_PATH: 'hook-path-secret', FAIL: '1' } });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(hook.received.length, 1);
    assert.strictEqual(hook.received[0].path, '/hook/hook-path-secret', 'resolved in-process');
    const body = JSON.parse(hook.received[0].body) as AlertPayload;
    assert.strictEqual(body.branch, '***');
    assert.ok(!hook.received[0].body.includes(SECRET), hook.received[0].body);
    assert.ok(!r.stderr.includes('hook-path-secret'), 'the log names the host only');
  });

  it('a secret not set: exit 2 naming GEARSHIFT_SECRET_<NAME>, and no stage ran', async () => {
    const repo = ws.repo(pipeline([{ name: 'Build', run: 'touch built.txt' }, STAGE]));
    const r = await runMain(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: '' } });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /^gearshift run: secret not set: DEPLOY_TOKEN; set GEARSHIFT_SECRET_DEPLOY_TOKEN in the environment/m);
    assert.ok(!fs.existsSync(path.join(repo, 'built.txt')) && !fs.existsSync(path.join(repo, 'ran.txt')));
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('deploy non-prod reads GEARSHIFT_SECRET_<NAME> as run does and masks its text, on a branch named like the secret', async () => {
    const repo = ws.repo(pipeline([{ ...STAGE, extra: [...STAGE.extra, 'environment: non-prod'] }]));
    git(repo, 'checkout', '-q', '-b', SECRET);
    const r = await runMain(['deploy', 'non-prod', '--yes'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET } });
    assert.strictEqual(r.code, 0, r.stderr + r.stdout);
    assert.ok(fs.existsSync(path.join(repo, 'ran.txt')), 'the stage did not run');
    assert.match(r.stdout, /out: \*\*\*\n/);
    assert.match(r.stdout, / on \*\*\* /, 'the banner masks the branch');
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), r.stdout + r.stderr);
  });

  it('deploy non-prod without the secret: exit 2 naming GEARSHIFT_SECRET_<NAME>, and no stage ran', async () => {
    const repo = ws.repo(pipeline([{ ...STAGE, extra: [...STAGE.extra, 'environment: non-prod'] }]));
    const r = await runMain(['deploy', 'non-prod', '--yes'], { cwd: repo, env: {} });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /gearshift deploy: secret not set: DEPLOY_TOKEN; set GEARSHIFT_SECRET_DEPLOY_TOKEN in the environment \(nothing ran\)/);
    assert.ok(!fs.existsSync(path.join(repo, 'ran.txt')));
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('deploy production without the secret: refused before the confirmation question, naming GEARSHIFT_SECRET_<NAME>; no stage ran', async () => {
    const repo = ws.repo(pipeline([{ ...STAGE, extra: [...STAGE.extra, 'environment: production'] }]));
    const r = await runMain(['deploy', 'production'], { cwd: repo, env: {} });
    assert.strictEqual(r.code, 2, r.stderr);
    assert.match(r.stderr, /gearshift deploy: not deploying: secret not set: DEPLOY_TOKEN; set GEARSHIFT_SECRET_DEPLOY_TOKEN in the environment \(nothing ran\)/);
    // Without --yes and with nobody to answer, the question's own refusal would come instead.
    assert.doesNotMatch(r.stderr + r.stdout, /\?|--yes/, 'asked to confirm a deploy that could only be refused');
    assert.ok(!fs.existsSync(path.join(repo, 'ran.txt')));
    assert.deepStrictEqual(historyLines(repo), []);
  });

  it('validate: an unknown form is a file:line:col error, exit 2', async () => {
    const repo = ws.repo(pipeline([{ ...STAGE, extra: ['env:', '  TOKEN: "${{ secret.DEPLOY_TOKEN }}"'] }]));
    const r = await runMain(['validate'], { cwd: repo });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr + r.stdout, /\.gearshift\.yml:6:15: stage "Deploy": `env` TOKEN: unknown context `secret`: did you mean `\$\{\{ secrets\.DEPLOY_TOKEN \}\}`\?/);
  });
});
