import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StageProcess, type ProcessResult } from '../../../src/core/pipeline';
import { directCommand } from '../../../src/core/pipeline/directExec';
import { groupGone, TempDirs, withDeadline } from './helpers';

/** A StageProcess with its output collected. */
function stage(command: string, cwd: string, env: NodeJS.ProcessEnv = process.env): { proc: StageProcess; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const proc = new StageProcess({
    command, cwd, env, timeoutMs: 0, killGraceMs: 500,
    onOutput: (s, chunk) => { if (s === 'stdout') { out += chunk; } else { err += chunk; } },
  });
  return { proc, out: () => out, err: () => err };
}

async function done(proc: StageProcess): Promise<ProcessResult> {
  return withDeadline(proc.done, 10_000, 'the stage did not end');
}

function script(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, { mode: 0o755 });
  return file;
}

describe('pipeline/directExec: a stage without shell syntax is exec\'d directly, everything else through sh', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('execs plain words found on PATH, with argv[0] as written', () => {
    const dir = temp.make();
    const d = directCommand('sleep  0.05', dir, process.env);
    assert.ok(d, 'sleep is plain');
    assert.equal(path.basename(d.file), 'sleep');
    assert.ok(path.isAbsolute(d.file));
    assert.deepEqual(d.args, ['0.05']);
    assert.equal(d.argv0, 'sleep');
  });

  it('leaves to the shell: quotes, $, globs, redirections, pipes, ;, &&, ~, #, =, newlines, backslashes, builtins, keywords', () => {
    const dir = temp.make();
    for (const command of [
      'printf "%s" a', "printf '%s' a", 'ls $HOME', 'ls *.ts', 'ls a?', 'ls [ab]', 'true > x', 'true < x', 'true | cat', 'true; true',
      'true && true', 'true &', 'ls ~', 'true # c', 'A=1 env', 'env A=1', 'true\ntrue', 'true\\ x', 'ls {a,b}', 'ls `pwd`',
      'cd /', 'export A', 'exit 3', '. ./x', 'echo hi', 'set -e', 'if', 'test -f x', '[ -f x ]', 'exec true', 'kill 1', 'pwd', '', '   ',
    ]) {
      assert.equal(directCommand(command, dir, process.env), undefined, JSON.stringify(command));
    }
  });

  it('leaves to the shell a missing command, a non-executable file, a script without #!, and a PATH sh would read differently', () => {
    const dir = temp.make();
    script(dir, 'noshebang', 'echo plain\n');
    fs.writeFileSync(path.join(dir, 'notexec'), '#!/bin/sh\n', { mode: 0o644 });
    fs.mkdirSync(path.join(dir, 'adir'));
    for (const command of ['gearshift-no-such-command-14c', './noshebang', './notexec', './adir', './missing']) {
      assert.equal(directCommand(command, dir, process.env), undefined, command);
    }
    const withEmpty = { ...process.env, PATH: `:${process.env.PATH ?? ''}` };
    assert.equal(directCommand('sleep 1', dir, withEmpty), undefined, 'an empty PATH entry means the current folder to sh');
    assert.equal(directCommand('sleep 1', dir, { ...process.env, PATH: undefined }), undefined, 'no PATH: sh has its own default');
  });

  it('runs the stage as the group leader itself (no shell in between), with exit code, env, cwd and PWD as sh gives them', async () => {
    const dir = fs.realpathSync(temp.make());
    script(dir, 'probe', '#!/bin/sh\necho "pid=$$ pwd=$PWD real=$(pwd -P) foo=$FOO"\nexit 7\n');
    const { proc, out } = stage('./probe a b', dir, { ...process.env, FOO: 'bar baz', PWD: '/somewhere/else' });
    const r = await done(proc);
    assert.equal(r.exitCode, 7);
    assert.equal(out(), `pid=${proc.pid} pwd=${dir} real=${dir} foo=bar baz\n`);
  });

  it('a missing command exits 127 with the shell\'s "not found" message', async () => {
    const dir = temp.make();
    const { proc, err } = stage('gearshift-no-such-command-14c --flag', dir);
    const r = await done(proc);
    assert.equal(r.exitCode, 127);
    assert.equal(r.spawnError, undefined);
    assert.match(err(), /gearshift-no-such-command-14c: (command )?not found/);
  });

  it('quotes and globs still mean what they mean to sh', async () => {
    const dir = temp.make();
    fs.writeFileSync(path.join(dir, 'a.txt'), '');
    fs.writeFileSync(path.join(dir, 'b.txt'), '');
    const quoted = stage('printf "%s|" "a b" c', dir);
    const globbed = stage('ls *.txt', dir);
    assert.equal((await done(quoted.proc)).exitCode, 0);
    assert.equal(quoted.out(), 'a b|c|');
    assert.equal((await done(globbed.proc)).exitCode, 0);
    assert.equal(globbed.out(), 'a.txt\nb.txt\n');
  });

  it('a script without #! runs through the shell, as sh would run it', async () => {
    const dir = temp.make();
    script(dir, 'noshebang', 'echo plain script\nexit 3\n');
    const { proc, out } = stage('./noshebang', dir);
    assert.equal((await done(proc)).exitCode, 3);
    assert.equal(out(), 'plain script\n');
  });

  it('leaves to the shell a #! whose interpreter is missing or ends in CR (Windows line ends), and an ELF for another machine; a good #! is exec\'d', async () => {
    const dir = temp.make();
    script(dir, 'crlf', '#!/bin/sh\r\necho crlf\r\n');
    script(dir, 'nointerp', '#!/no/such/interpreter-14c\necho x\n');
    const elf = Buffer.alloc(64);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46]).copy(elf);
    elf.writeUInt16LE(process.arch === 'arm64' ? 62 : 183, 18); // the other machine's e_machine
    fs.writeFileSync(path.join(dir, 'foreign'), elf, { mode: 0o755 });
    for (const command of ['./crlf', './nointerp', './foreign']) {
      assert.equal(directCommand(command, dir, process.env), undefined, command);
    }
    script(dir, 'good', '#!/bin/sh\necho good\n');
    assert.ok(directCommand('./good', dir, process.env), 'a #! naming an existing interpreter is exec\'d');
    // What the user then sees is sh's own words and exit code, not "could not start: spawn … ENOENT".
    const { proc, err } = stage('./nointerp', dir);
    const result = await done(proc);
    assert.equal(result.spawnError, undefined);
    assert.equal(result.exitCode, 127);
    assert.match(err(), /interpreter-14c|not found/);
  });

  it('a directly exec\'d stage terminated mid-run leaves nothing of its group behind', async () => {
    const dir = temp.make();
    const ready = path.join(dir, 'ready');
    script(dir, 'spawner', `#!/bin/sh\nsleep 1000 &\necho "$!" > ${JSON.stringify(ready)}\nexec sleep 1000\n`);
    const { proc } = stage('./spawner', dir);
    await withDeadline((async () => { while (!fs.existsSync(ready) || fs.readFileSync(ready, 'utf8').trim() === '') { await new Promise((r) => setTimeout(r, 10)); } })(), 5000, 'the stage did not start its child');
    const child = Number(fs.readFileSync(ready, 'utf8'));
    proc.terminate();
    const r = await done(proc);
    assert.equal(r.terminated, true);
    assert.equal(r.signal, 'SIGTERM');
    assert.deepEqual(await groupGone(proc.pid ?? 0, [proc.pid ?? 0, child]), []);
  });
});
