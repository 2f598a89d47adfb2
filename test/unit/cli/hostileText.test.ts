import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { printable } from '../../../src/core/format';
import { commitFile, git, tempDir } from '../../support/git';
import { FakeIo } from './fakeIo';
import { Workspaces } from '../../support/workspaces';

/**
 * Issue 13, defect 5: commit subjects, branch and stage names and history lines are data; none
 * may reach the terminal as a control sequence. Stage output itself stays raw (colours kept).
 */
const OSC_TITLE = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J';
const LINK = '\u001b]8;;http://evil.invalid\u001b\\click\u001b]8;;\u001b\\';
const BIDI = '\u202e';
/** Anything a terminal acts on: C0 except newline, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('CLI: hostile text from git and files is printed inert', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  /** A repo whose stage name, newest subject and branch carry escape sequences. */
  function hostileRepo(): string {
    const yml = ['version: 1', 'stages:',
      `  - name: ${JSON.stringify(`Ship${OSC_TITLE}${CLEAR}`)}`, '    run: \'printf "\\033[31mred\\033[0m\\n"\'', '    environment: production', ''].join('\n');
    const dir = ws.repo(yml);
    git(dir, 'checkout', '-q', '-b', `feature${BIDI}gnp.exe`);
    commitFile(dir, 'x.txt', 'x\n', `Fix${OSC_TITLE}${CLEAR}\rAll good ${LINK}`);
    return dir;
  }

  it('printable() escapes C0/C1 controls and bidi overrides on one line; space mode collapses them', () => {
    assert.equal(printable(`a${OSC_TITLE}b\r\nc\u009b${BIDI}`), 'a\\x1b]0;pwned\\x07b\\x0d\\x0ac\\x9b\\u202e');
    assert.equal(printable(`a\u001b[2J\r\nb`, { controls: 'space' }), 'a [2J b');
    assert.equal(printable('x'.repeat(100), { max: 10 }), `${'x'.repeat(9)}…`);
  });

  it('deploy production: the plan and the y/N prompt carry no control sequence', async () => {
    const dir = hostileRepo();
    const io = new FakeIo(dir, {}, ['n']);
    io.stdinIsTTY = true;
    assert.equal(await main(['deploy', 'production'], io), 130, io.err);
    assert.equal(io.questions.length, 1);
    const shown = io.out + io.err + io.questions.join('');
    assert.doesNotMatch(shown, ACTIVE, JSON.stringify(shown));
    assert.match(io.out, /commit {4}\w{8} {2}Fix\\x1b\]0;pwned\\x07\\x1b\[2J\\x0dAll good /);
    assert.match(io.out, /\(feature\\u202egnp\.exe\)/);
  });

  it('run, status and history show stage names inert; the stage output keeps its colours', async () => {
    const dir = hostileRepo();
    const run = new FakeIo(dir, {});
    assert.equal(await main(['run'], run), 0, run.err + run.out);
    assert.ok(run.out.includes('\u001b[31mred\u001b[0m'), 'stage output is raw');
    assert.doesNotMatch(run.out.replace('\u001b[31mred\u001b[0m', ''), ACTIVE, JSON.stringify(run.out));
    assert.match(run.out, /Ship\\x1b\]0;pwned\\x07\\x1b\[2J/);
    for (const args of [['status'], ['history']]) {
      const io = new FakeIo(dir, {});
      assert.equal(await main(args, io), 0, io.err);
      assert.doesNotMatch(io.out + io.err, ACTIVE, `${args[0]}: ${JSON.stringify(io.out)}`);
    }
  });

  it('a corrupt history line is reported on stderr short and inert', async () => {
    const dir = hostileRepo();
    const file = path.join(dir, '.git', 'gearshift', 'history.jsonl');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${OSC_TITLE}${CLEAR}${'A'.repeat(5000)}\n`);
    const io = new FakeIo(dir, {});
    assert.equal(await main(['history'], io), 0, io.err);
    assert.match(io.err, /history\.jsonl:1: skipped: /);
    assert.doesNotMatch(io.err, ACTIVE, JSON.stringify(io.err));
    assert.ok(io.err.length < 400, `${io.err.length} characters`);
  });
  it('an error quotes arguments, stage names and commands inert: unknown --stage, command, option', async () => {
    const dir = hostileRepo();
    const stage = new FakeIo(dir, {});
    assert.equal(await main(['run', '--stage', `Ship${CLEAR}x`], stage), 2);
    assert.match(stage.err, /--stage: no stage named "Ship\\x1b\[2Jx"/);
    assert.match(stage.err, /\n {2}Ship\\x1b\]0;pwned\\x07\\x1b\[2J\n/, 'the list of stages, one per line');
    const command = new FakeIo(dir, {});
    assert.equal(await main([`stat${OSC_TITLE}`], command), 2);
    const option = new FakeIo(dir, {});
    assert.equal(await main(['history', `--x${OSC_TITLE}`], option), 2);
    const help = new FakeIo(dir, {});
    assert.equal(await main(['help', `run${CLEAR}`], help), 2);
    for (const io of [stage, command, option, help]) { assert.doesNotMatch(io.err, ACTIVE, JSON.stringify(io.err)); }
    assert.match(command.err, /unknown command 'stat\\x1b\]0;pwned\\x07'/);
  });

  it('a manual gate names its stage inert: approved by --yes, declined without a terminal, asked at one', async () => {
    const gate = JSON.stringify(`Gate${OSC_TITLE}${CLEAR}`);
    const dir = ws.repo(['version: 1', 'stages:', `  - name: ${gate}`, '    run: "true"', '    approval: manual', ''].join('\n'));
    const yes = new FakeIo(dir, {});
    assert.equal(await main(['run', '--yes'], yes), 0, yes.err);
    assert.match(yes.err, /stage "Gate\\x1b\]0;pwned\\x07\\x1b\[2J" approved by --yes/);
    const noTerminal = new FakeIo(dir, {});
    assert.equal(await main(['run'], noTerminal), 130, noTerminal.err);
    const asked = new FakeIo(dir, {}, ['n']);
    asked.stdinIsTTY = true;
    assert.equal(await main(['run'], asked), 130, asked.err);
    assert.equal(asked.questions.length, 1);
    for (const io of [yes, noTerminal, asked]) {
      const shown = io.err + io.questions.join('') + io.out;
      assert.doesNotMatch(shown, ACTIVE, JSON.stringify(shown));
    }
  });

  it('--json on a terminal: C1 controls and bidi overrides are \\u escapes (JSON.stringify leaves them raw), the values unchanged', async () => {
    // ESC is already escaped by JSON.stringify; a branch may hold U+009B (CSI on some terminals) and U+202E.
    const branch = `feature\u009b2J${BIDI}gnp.exe`;
    const dir = hostileRepo();
    git(dir, 'checkout', '-q', '-b', branch);
    // Keys may not hold them (flags/keys.ts); a variant's name may.
    fs.writeFileSync(path.join(dir, 'flags.json'), JSON.stringify({ flags: { promo: { state: 'ENABLED', variants: { [`promo\u009b31m${BIDI}`]: true, off: false }, defaultVariant: 'off' } } }));
    const run = new FakeIo(dir, {});
    assert.equal(await main(['run', '--json'], run), 0, run.err);
    for (const args of [['run', '--json'], ['status', '--json'], ['history', '--json'], ['flags', 'list', '--json']]) {
      const io = args[0] === 'run' ? run : new FakeIo(dir, {});
      if (io !== run) { assert.equal(await main(args, io), 0, io.err); }
      assert.doesNotMatch(io.out, ACTIVE, `${args.join(' ')}: ${JSON.stringify(io.out)}`);
      assert.ok(io.out.includes(args[0] === 'flags' ? 'promo\\u009b31m\\u202e' : 'feature\\u009b2J\\u202egnp.exe'), io.out);
    }
    assert.equal((JSON.parse(run.out) as { branch: string }).branch, branch, 'the same value once parsed');
  });

  it('a megabyte commit subject: the deploy plan shows it on one bounded line', async () => {
    const dir = hostileRepo();
    const message = path.join(tempDir(), 'message.txt'); // -F: one argv string may not exceed 128 KiB
    fs.writeFileSync(message, `Huge ${'x'.repeat(1024 * 1024)}`);
    git(dir, 'commit', '-q', '--allow-empty', '-F', message);
    const io = new FakeIo(dir, {}, ['n']);
    io.stdinIsTTY = true;
    assert.equal(await main(['deploy', 'production'], io), 130, io.err);
    const lines = io.out.split('\n').filter((l) => l.includes('Huge x'));
    assert.equal(lines.length, 2, 'the commit line and the commits-since line');
    for (const l of lines) { assert.ok(l.length < 300 && l.includes('x…'), `${l.length} characters`); }
  });
});
