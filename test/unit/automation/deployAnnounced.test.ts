import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ANNOUNCED_FILE, deployNews, toastOnce } from '../../../src/core/automation';
import { record } from '../../../src/core/automation/deployAnnounced';
import { cleanupTempDirs, tempDir } from '../../support/git';
import { NOW, SIMPLE, deployRun } from '../gears/helpers';

const byCommit = (end: number, id: string): ReturnType<typeof deployRun> => ({ ...deployRun(end), trigger: 'commit', sha: `f6d39c6f${id}`, id });

/**
 * review34 F10: "went to production by itself" is said once per state folder, ever. Two readers of
 * the same run (two windows on one repository) race for the record in a real folder; a reader whose
 * history no longer holds the first deploy (2000 newer runs) finds the record and stays quiet.
 */
describe('toastOnce: the first unattended deploy is announced once, by one reader (review34 F10)', () => {
  after(() => cleanupTempDirs());

  it('two readers of the first unattended deploy: one toast; the record names the run', async () => {
    const dir = tempDir('gearshift-announced-');
    const first = byCommit(NOW, 'first-run');
    const news = deployNews(first, SIMPLE, [deployRun(NOW - 1000)]);
    assert.ok(news?.toast, 'history says: the first');
    const said = await Promise.all([toastOnce(news, dir, first, NOW), toastOnce(news, dir, first, NOW)]);
    assert.deepStrictEqual(said.filter((t) => t !== undefined), [news.toast], `exactly one reader toasts: ${JSON.stringify(said)}`);
    assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, ANNOUNCED_FILE), 'utf8')), { runId: 'first-run', sha: first.sha, at: new Date(NOW).toISOString() });
    assert.deepStrictEqual(fs.readdirSync(dir), [ANNOUNCED_FILE], 'no temporary file left');
  });

  it('later, with the first deploy out of the runs read: history says "first" again, the record keeps it quiet', async () => {
    const dir = tempDir('gearshift-announced-');
    const first = byCommit(NOW, 'first-run');
    assert.ok(await toastOnce(deployNews(first, SIMPLE, [])!, dir, first, NOW));
    const much = byCommit(NOW + 1000, 'much-later');
    const news = deployNews(much, SIMPLE, [deployRun(NOW + 500)]);
    assert.ok(news?.toast, 'history alone would toast again');
    assert.strictEqual(await toastOnce(news, dir, much, NOW + 1000), undefined);
  });

  it('an unattended deploy that is not the first records it (a repository older than the record); one started by hand does not', async () => {
    const dir = tempDir('gearshift-announced-');
    const manual = deployNews(deployRun(NOW), SIMPLE, []);
    assert.strictEqual(await toastOnce(manual!, dir, deployRun(NOW), NOW), undefined);
    assert.ok(!fs.existsSync(path.join(dir, ANNOUNCED_FILE)), 'a deploy started by hand is not the news');
    const second = byCommit(NOW, 'second');
    const notFirst = deployNews(second, SIMPLE, [byCommit(NOW - 1000, 'earlier')]);
    assert.ok(notFirst?.unattended && notFirst.toast === undefined);
    assert.strictEqual(await toastOnce(notFirst, dir, second, NOW), undefined);
    assert.ok(fs.existsSync(path.join(dir, ANNOUNCED_FILE)), 'recorded');
    const lost = byCommit(NOW + 1000, 'history-lost');
    assert.strictEqual(await toastOnce(deployNews(lost, SIMPLE, [])!, dir, lost, NOW + 1000), undefined);
  });

  it('on a file system without hard links (link() says EPERM/ENOTSUP/EXDEV): two racing writers, exactly one records it (review35 F11)', async () => {
    for (const code of ['EPERM', 'ENOTSUP', 'EXDEV']) {
      const dir = tempDir('gearshift-announced-');
      const file = path.join(dir, ANNOUNCED_FILE);
      // Mocked: a file system without hard links cannot be mounted here; link() fails as it would there.
      const noLinks = async (): Promise<void> => { throw Object.assign(new Error(`link: ${code}`), { code }); };
      const made = await Promise.all([record(file, '{"runId":"a"}\n', noLinks), record(file, '{"runId":"b"}\n', noLinks)]);
      assert.deepStrictEqual(made.filter(Boolean).length, 1, `${code}: exactly one writer wins: ${JSON.stringify(made)}`);
      const winner = made[0] ? 'a' : 'b';
      assert.strictEqual(fs.readFileSync(file, 'utf8'), `{"runId":"${winner}"}\n`, `${code}: the winner's record`);
      assert.deepStrictEqual(fs.readdirSync(dir), [ANNOUNCED_FILE], `${code}: no temporary file left`);
      assert.strictEqual(await record(file, 'later\n', noLinks), false, `${code}: later writers find it there`);
    }
  });

  it('a link() failure that is not "no hard links" (ENOENT: the folder went away) records nothing', async () => {
    const dir = tempDir('gearshift-announced-');
    const file = path.join(dir, ANNOUNCED_FILE);
    const gone = async (): Promise<void> => { throw Object.assign(new Error('link: ENOENT'), { code: 'ENOENT' }); };
    assert.strictEqual(await record(file, 'x\n', gone), false);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });
});
