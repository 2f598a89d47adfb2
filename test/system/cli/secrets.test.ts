import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { historyLines, pipeline, Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

const SECRET = 'sys-s3cret+value/==';

/**
 * The bundled binary with a secret: masked on its real stdout and stderr (the stage also
 * prints it split across two writes and base64'd), never in a stage's argv, and a missing one
 * stops the run with exit 2 before any stage.
 */
describe('gearshift binary with secrets (real process)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  before(function () { this.timeout(180_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  const stage = {
    name: 'Deploy',
    // Two writes of the shell's own printf, cut beforehand: the secret never goes out whole in one write. How long the
    // masker holds a start (1 s) is tested on a clock the test moves (test/unit/secrets/masker.test.ts), not here.
    run: 'head="$(printf %s "$TOKEN" | cut -c1-6)"; tail="$(printf %s "$TOKEN" | cut -c7-)"; printf "a: %s" "$head"; printf "%s\\n" "$tail"; printf %s "$TOKEN" | base64; echo "err: $TOKEN" >&2; tr "\\0" " " < /proc/$$/cmdline > argv.txt; touch ran.txt',
    extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'],
  };

  it('masks the secret on stdout and stderr (--json too) and keeps it out of argv', async () => {
    const repo = ws.repo(pipeline([stage]));
    const r = await runCli(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET } });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /a: \*\*\*\n/);
    assert.match(r.stdout, /err: \*\*\*/);
    const json = await runCli(['run', '--json'], { cwd: repo, env: { GEARSHIFT_SECRET_DEPLOY_TOKEN: SECRET } });
    assert.strictEqual(json.code, 0, json.stderr);
    for (const text of [r.stdout, r.stderr, json.stdout, json.stderr, historyLines(repo).join('\n')]) {
      assert.ok(!text.includes(SECRET) && !text.includes(Buffer.from(SECRET).toString('base64').slice(0, 20)), text);
    }
    assert.ok(!fs.readFileSync(path.join(repo, 'argv.txt'), 'utf8').includes(SECRET));
  });

  it('the remote-status tokens: no stage gets them, and a value a stage prints anyway is masked, on stdout and in the saved log', async () => {
    const tokens = { GEARSHIFT_GITHUB_TOKEN: 'ghs_sysTokenValue123', GEARSHIFT_GITLAB_TOKEN: 'glpat-sysTokenValue456' };
    const elsewhere = ws.folder({ 'found-token.txt': tokens.GEARSHIFT_GITLAB_TOKEN });
    const repo = ws.repo(pipeline([{ name: 'Env', run: `env; printf "found: %s\\n" "$(cat ${elsewhere}/found-token.txt)"` }]));
    const r = await runCli(['run'], { cwd: repo, env: tokens });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /found: \*\*\*\n/);
    const logDir = path.join(repo, '.git', 'gearshift', 'runlogs');
    const logs = fs.readdirSync(logDir).filter((name) => !name.startsWith('.')).map((run) => fs.readFileSync(path.join(logDir, run, 'stage-0.log'), 'utf8')).join('\n');
    assert.match(logs, /found: \*\*\*/);
    for (const text of [r.stdout, r.stderr, logs, historyLines(repo).join('\n')]) {
      for (const [name, value] of Object.entries(tokens)) { assert.ok(!text.includes(name) && !text.includes(value), text); }
    }
  });

  // security41 F3: the failed alert's line keeps the webhook's host (only its path is redacted), and it was not masked.
  it('a secret in alerts.webhook\'s host is masked in the line that says the alert was not delivered', async () => {
    const hostSecret = 'eo7f3k2secretid';
    const repo = ws.repo(`${pipeline([{ name: 'Test', run: 'false' }])}alerts:\n  webhook: "https://\${{ secrets.HOOK_ID }}.invalid/hook"\n`);
    const r = await runCli(['run'], { cwd: repo, env: { GEARSHIFT_SECRET_HOOK_ID: hostSecret } });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, /Webhook alert \(red\) to https:\/\/\*\*\*\.invalid\/… not (delivered|sent)/);
    assert.ok(!r.stdout.includes(hostSecret) && !r.stderr.includes(hostSecret), r.stderr);
  });

  // security41 F1: grep --color highlighting part of the token cut it with SGR sequences; the masker saw no token in the
  // bytes, the terminal showed it whole, the saved log kept it, and `gearshift logs` (which removes the sequences) printed it joined.
  it('a secret cut by colour sequences, a CR or a NUL is in no output: the terminal, the saved log, `gearshift logs`', async () => {
    const token = 'tok_live_abc123XYZ789';
    const run = 'printf "token=%s\\n" "$TOKEN" | grep --color=always abc; printf "cr=tok_live_\\rabc123XYZ789\\n"; printf "nul=tok_live_\\000abc123XYZ789\\n"; exit 1';
    const repo = ws.repo(pipeline([{ name: 'Deploy', run, extra: ['env:', '  TOKEN: "${{ secrets.DEPLOY_TOKEN }}"'] }]));
    const env = { GEARSHIFT_SECRET_DEPLOY_TOKEN: token };
    const r = await runCli(['run'], { cwd: repo, env });
    assert.strictEqual(r.code, 1, r.stderr);
    // eslint-disable-next-line no-control-regex
    assert.match(r.stdout, /token=\*\*\*(\x1b\[[0-9;]*[mK])*\n/);
    assert.match(r.stdout, /cr=\*\*\*\n/);
    const logDir = path.join(repo, '.git', 'gearshift', 'runlogs');
    const saved = fs.readdirSync(logDir).filter((name) => !name.startsWith('.')).map((id) => fs.readFileSync(path.join(logDir, id, 'stage-0.log'), 'utf8')).join('\n');
    const logs = await runCli(['logs'], { cwd: repo, env });
    const coloured = await runCli(['logs'], { cwd: repo, env: { ...env, FORCE_COLOR: '1' } });
    assert.strictEqual(logs.code, 0, logs.stderr);
    assert.match(logs.stdout, /token=\*\*\*\ncr=\*\*\*\nnul=\*\*\*\n/);
    // Every sequence, CR and control taken out: what a reader could see joined. A NUL is no sequence the run's masker
    // looks through (docs/secrets.md): that line is masked where it is shown, by `gearshift logs`.
    // eslint-disable-next-line no-control-regex
    const joined = (text: string): string => text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x9b]/g, '');
    for (const text of [r.stdout.replace(/nul=.*\n/, ''), saved.replace(/nul=.*\n/, ''), logs.stdout, coloured.stdout]) { assert.ok(!joined(text).includes(token), JSON.stringify(text)); }
  });

  it('a secret not set: exit 2 naming GEARSHIFT_SECRET_DEPLOY_TOKEN, no stage ran', async () => {
    const repo = ws.repo(pipeline([stage]));
    const r = await runCli(['run'], { cwd: repo });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /GEARSHIFT_SECRET_DEPLOY_TOKEN/);
    assert.ok(!fs.existsSync(path.join(repo, 'ran.txt')));
  });
});
