import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collect, finish, makePipeline, stageRecord, TempDirs } from './helpers';

/** A stage command that dumps its whole environment as JSON into `file` (exact, newlines and all). */
function dumpEnv(file: string): string {
  return `"${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.env))' '${file}'`;
}

function readEnv(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

describe('pipeline/runner: environment and cwd', () => {
  const temp = new TempDirs();
  afterEach(() => temp.cleanup());

  it('passes git facts only through env, verbatim, never through the shell', async () => {
    const dir = temp.make();
    const pwned = path.join(dir, 'pwned');
    const branch = `feat/it's "quoted" $(touch ${pwned}) \`touch ${pwned}\` ; touch ${pwned}\nsecond line`;
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Print', run: `printf '%s' "$GEARSHIFT_BRANCH" > branch.txt; echo "$GEARSHIFT_BRANCH"` },
      ]),
      branch,
      sha: '$(touch pwned-sha)',
    });
    const record = await finish(run);
    assert.equal(record.state, 'green');
    assert.equal(fs.readFileSync(path.join(dir, 'branch.txt'), 'utf8'), branch);
    assert.equal(fs.existsSync(pwned), false);
    assert.equal(fs.existsSync(path.join(dir, 'pwned-sha')), false);
    assert.equal(record.branch, branch);
  });

  it('layers base env, stage env, GEARSHIFT_* and extras', async () => {
    const dir = temp.make();
    const sub = path.join(dir, 'packages', 'api');
    fs.mkdirSync(sub, { recursive: true });
    const { run } = collect({
      pipeline: makePipeline(dir, [
        {
          name: 'Deploy api',
          run: `pwd > '${dir}/cwd.txt'; ${dumpEnv(path.join(dir, 'env.json'))}`,
          cwd: sub,
          environment: 'production',
          env: { STAGE_ONLY: 'yes', SHARED: 'from-stage', GEARSHIFT_SHA: 'forged' },
        },
      ]),
      runId: 'run-42',
      sha: 'deadbeef',
      branch: 'main',
      trigger: 'commit',
      // A git hook's variables would point a stage's git at the user's checkout (security34 M1); GIT_AUTHOR_NAME says no place.
      baseEnv: { PATH: process.env.PATH, BASE_ONLY: 'base', SHARED: 'from-base', GEARSHIFT_ENVIRONMENT: 'leaked', GIT_DIR: '/elsewhere/.git', GIT_INDEX_FILE: '.git/index', git_work_tree: '/elsewhere', GIT_AUTHOR_NAME: 'Ada' },
      extraEnv: { GEARSHIFT_SLOT: 'green' },
    });
    const record = await finish(run);
    assert.equal(record.state, 'green', JSON.stringify(record.stages));
    assert.equal(fs.readFileSync(path.join(dir, 'cwd.txt'), 'utf8').trim(), fs.realpathSync(sub));
    const env = readEnv(path.join(dir, 'env.json'));
    assert.equal(env.BASE_ONLY, 'base');
    assert.equal(env.STAGE_ONLY, 'yes');
    assert.equal(env.SHARED, 'from-stage');
    assert.equal(env.GEARSHIFT_RUN_ID, 'run-42');
    assert.equal(env.GEARSHIFT_SHA, 'deadbeef');
    assert.equal(env.GEARSHIFT_BRANCH, 'main');
    assert.equal(env.GEARSHIFT_STAGE, 'Deploy api');
    assert.equal(env.GEARSHIFT_TRIGGER, 'commit');
    assert.equal(env.GEARSHIFT_ENVIRONMENT, 'production');
    assert.equal(env.GEARSHIFT_SLOT, 'green');
    assert.equal(env.FORCE_COLOR, '1');
    assert.deepEqual([env.GIT_DIR, env.GIT_INDEX_FILE, env.git_work_tree, env.GIT_AUTHOR_NAME], [undefined, undefined, undefined, 'Ada']);
    assert.equal(stageRecord(record, 'Deploy api').state, 'passed');
  });

  it('sets FORCE_COLOR only when colour is on and the stage did not choose', async () => {
    const dir = temp.make();
    const file = (n: string): string => path.join(dir, `${n}.json`);
    const baseEnv = { PATH: process.env.PATH, GEARSHIFT_ENVIRONMENT: 'leaked' };
    const { run } = collect({
      pipeline: makePipeline(dir, [
        { name: 'Default', run: dumpEnv(file('default')) },
        { name: 'NoColor', run: dumpEnv(file('nocolor')), env: { NO_COLOR: '1' } },
        { name: 'Forced', run: dumpEnv(file('forced')), env: { FORCE_COLOR: '0' } },
      ]),
      baseEnv,
    });
    assert.equal((await finish(run)).state, 'green');
    assert.equal(readEnv(file('default')).FORCE_COLOR, '1');
    assert.equal(readEnv(file('default')).GEARSHIFT_ENVIRONMENT, undefined);
    assert.equal(readEnv(file('nocolor')).FORCE_COLOR, undefined);
    assert.equal(readEnv(file('forced')).FORCE_COLOR, '0');

    const off = collect({ pipeline: makePipeline(dir, [{ name: 'Off', run: dumpEnv(file('off')) }]), baseEnv, color: false });
    assert.equal((await finish(off.run)).state, 'green');
    assert.equal(readEnv(file('off')).FORCE_COLOR, undefined);
  });
});
