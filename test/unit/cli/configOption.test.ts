import * as assert from 'node:assert';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

/**
 * `--config PATH` naming no file is a typo. The commands that can answer without a pipeline file
 * (status, history, gear, flags) used to answer anyway, about whatever folder the path's parent
 * was ("no pipeline runs yet" for /nonexistent), and export blamed the current folder.
 */
describe('--config naming no file: exit 2 with the path, never an answer about another folder', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const commands: string[][] = [['status'], ['status', '--json'], ['history'], ['history', '--json'], ['gear'], ['gear', '--json'], ['flags', 'list'], ['flags', 'stale'], ['export', 'github']];
  for (const argv of commands) {
    it(`gearshift ${argv.join(' ')} --config typo.yml`, async () => {
      const repo = ws.repo(pipeline([{ name: 'Build', run: 'echo built' }]));
      assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
      for (const typo of ['typo.yml', '/nonexistent/x.yml']) {
        const r = await runMain([...argv, '--config', typo], { cwd: repo });
        assert.strictEqual(r.code, 2, `${typo}: ${r.stdout}${r.stderr}`);
        assert.strictEqual(r.stdout, '', typo);
        assert.strictEqual(r.stderr, `gearshift ${argv[0]}: --config ${typo}: no such file\n`, typo);
      }
      // A folder is not a pipeline file either: answering about the folder above it would be as wrong.
      const folder = await runMain([...argv, '--config', '.git'], { cwd: repo });
      assert.strictEqual(folder.code, 2, `.git: ${folder.stdout}${folder.stderr}`);
      assert.strictEqual(folder.stderr, `gearshift ${argv[0]}: --config .git: a folder, not a pipeline file\n`);
    });
  }
});
