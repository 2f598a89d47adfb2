/**
 * A stage name from a cloned `.gearshift.yml` is data: the real bundled CLI (dist/cli.js) never
 * writes its escape sequences to the terminal, in the lines security39 found raw — `run`'s red
 * "Next:" line (F1) and `gear`'s readiness checklist (F2). Coloured, the only escape sequences
 * left are the CLI's own colours (SGR); with NO_COLOR, none at all.
 */
import * as assert from 'node:assert/strict';
import { Workspaces } from '../../support/workspaces';
import { ensureCliBuilt, runCli } from './cliProcess';

/** An OSC that retitles the terminal (ST-terminated), then a cursor-up that would overwrite the verdict. (Validation refuses a bidi override in a stage name.) */
const HOSTILE = '\u001b]0;PWNED\u001b\\\u001b[1A';
const SHOWN = '\\x1b]0;PWNED\\x1b\\\\x1b[1A';
/** The CLI's own colours: SGR (`ESC [ … m`) only. */
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
/** Anything a terminal acts on: C0 except newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function inert(output: string, what: string): void {
  const m = ACTIVE.exec(output.replace(SGR, ''));
  assert.equal(m, null, `${what}: a raw ${JSON.stringify(m?.[0])} at ${m?.index}: ${JSON.stringify(output)}`);
}

describe('CLI: a hostile stage name reaches no terminal raw (security39 F1, F2; real CLI)', function () {
  this.timeout(90_000);
  const ws = new Workspaces();
  before(function () { this.timeout(300_000); ensureCliBuilt(); });
  afterEach(() => ws.cleanup());

  it('run: the red "Next:" line quotes the failed stage escaped, coloured or not', async () => {
    const repo = ws.repo(['version: 1', 'stages:', `  - name: ${JSON.stringify(`build${HOSTILE}x`)}`, '    run: exit 3', ''].join('\n'));
    for (const env of [{ FORCE_COLOR: '1' }, { NO_COLOR: '1' }]) {
      const r = await runCli(['run'], { cwd: repo, env });
      assert.equal(r.code, 1, r.stderr + r.stdout);
      const next = r.stdout.split('\n').find((l) => l.includes('Next: '));
      assert.ok(next !== undefined, r.stdout);
      assert.ok(next.replace(SGR, '').includes(`gearshift logs --stage 'build${SHOWN}x' shows what failed.`), JSON.stringify(next));
      inert(r.stdout + r.stderr, JSON.stringify(env));
      if (env.NO_COLOR) { assert.ok(!r.stdout.includes('\u001b'), 'NO_COLOR: no escape sequence at all'); }
    }
  });

  it('gear: the readiness checklist names a gated stage escaped, under trigger: manual and trigger: commit', async () => {
    for (const trigger of ['manual', 'commit']) {
      const gate = JSON.stringify(`gate${HOSTILE}x`);
      const repo = ws.repo(['version: 1', `trigger: ${trigger}`, 'stages:', `  - name: ${gate}`, '    approval: manual', '    run: echo hi',
        '  - name: Deploy', '    environment: production', '    run: echo deployed', ''].join('\n'));
      const r = await runCli(['gear'], { cwd: repo, env: { FORCE_COLOR: '1' } });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`approval: manual on "gate${SHOWN}x"`), r.stdout);
      inert(r.stdout + r.stderr, `gear, trigger: ${trigger}`);
    }
  });
});
