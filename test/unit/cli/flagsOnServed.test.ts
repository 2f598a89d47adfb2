import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline, Workspaces } from '../../support/workspaces';
import { BOOLEAN_FLAG, flagsFile } from '../flags/fixtures';
import { runMain } from './runMain';

const PIPE = pipeline([{ name: 'Build', run: 'true' }]);
/** "Internal users only": dev@ gets on, everyone else off, whatever the default variant (walkedit33 H2). */
const DEV_ONLY = { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'on', 'off'] };

/** walkedit33 H2: `flags set KEY on` follows the editor's Toggle, one core rule (core/flags onAsServed.ts). */
describe('gearshift flags set KEY on: judged by what flagd serves after it (in-process main)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('refuses (exit 2, nothing written, nothing asked) when targeting picks off for everyone it does not name', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.production.json': flagsFile({ 'beta-search': { ...BOOLEAN_FLAG, targeting: DEV_ONLY } }) });
    const file = path.join(dir, 'flags.production.json');
    const before = fs.readFileSync(file, 'utf8');
    const r = await runMain(['flags', 'set', 'beta-search', 'on', '--env', 'production'], { cwd: dir });
    assert.strictEqual(r.code, 2, r.stdout);
    assert.strictEqual(r.stderr, 'gearshift flags: beta-search: its targeting picks "off" for everyone but dev@example.com, so the default variant is never served; change the targeting in flags.production.json to turn it on\n');
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
  });

  it('a variant its targeting never serves is refused as "on" is (flagon33): exit 2, nothing written, nothing asked; named in the words of `on`', async () => {
    const colour = { state: 'ENABLED', variants: { red: '#c00', blue: '#00c', yellow: '#cc0' }, defaultVariant: 'red', targeting: { if: [{ in: [{ var: 'email' }, ['dev@example.com']] }, 'yellow', 'red'] } };
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ 'header-color': colour }) });
    const file = path.join(dir, 'flags.json');
    const before = fs.readFileSync(file, 'utf8');
    const r = await runMain(['flags', 'set', 'header-color', 'blue'], { cwd: dir, tty: true, answers: ['y'] });
    assert.deepStrictEqual([r.code, r.stdout, r.io.questions], [2, '', []], r.stderr);
    assert.strictEqual(r.stderr, 'gearshift flags: header-color: its targeting picks "red" for everyone but dev@example.com, so the default variant is never served; change the targeting in flags.json to serve "blue"\n');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
  });

  it('re-enabling a flag whose targeting decides who gets on asks whom it serves, not "in production" to everyone (review33 L6)', async () => {
    const dir = ws.repoWith(PIPE, { 'flags.json': flagsFile({ 'beta-search': { ...BOOLEAN_FLAG, state: 'DISABLED', targeting: DEV_ONLY } }) });
    const asked = await runMain(['flags', 'set', 'beta-search', '--state', 'enabled'], { cwd: dir, tty: true, answers: ['n'] });
    assert.strictEqual(asked.code, 130, asked.stderr);
    assert.deepStrictEqual(asked.io.questions.map((q) => q.split('\n')[1]), ['Serve beta-search as "on" to the requests its targeting picks (dev@example.com), "off" to the others, in production (writes flags.json)? [y/N] ']);
  });
});
