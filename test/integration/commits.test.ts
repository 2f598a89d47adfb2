import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { api, cliRun, readableTooltip, testThenDeploy, usePipeline, waitFor, workspaceFolder, workspaceGit as git } from './helpers';

const ON_COMMIT = testThenDeploy('commit');

describe('commit tracking in the real extension host', () => {
  it('a commit made with git in a terminal runs the pipeline for that sha, green, with no command invoked', async () => {
    const restore = usePipeline(ON_COMMIT);
    try {
      const gearshift = await api();
      const automation = await gearshift.automation();
      const folder = workspaceFolder();
      git('commit', '-q', '--allow-empty', '-m', 'feat: commit made outside VS Code <b>bold</b>');
      const sha = git('rev-parse', 'HEAD');
      const run = await waitFor('a green commit-triggered run for the new commit', () => {
        const last = gearshift.lastRun(folder);
        return last?.sha === sha && last.trigger === 'commit' && last.state === 'green' ? last : undefined;
      }, 30_000);
      assert.deepStrictEqual(run.covers, [sha]);
      assert.strictEqual(run.subject, 'feat: commit made outside VS Code <b>bold</b>');
      // The commit is listed until production has it; this run passed the production stage.
      const trigger = automation.forFolder(folder)?.trigger;
      assert.ok(trigger, 'no commit trigger for the folder');
      await waitFor('the commit to count as deployed', () => trigger.undeployed().commits.every((c) => c.sha !== sha));
      assert.strictEqual(trigger.commitRun(sha)?.state, 'green');
      await waitFor('the tooltip to name the last commit', () => /Last commit/.test(readableTooltip(gearshift.status().tooltip)));
    } finally {
      restore();
    }
  });

  it('with trigger: manual a commit is tracked but runs nothing', async () => {
    const gearshift = await api();
    const automation = await gearshift.automation();
    const folder = workspaceFolder();
    const before = gearshift.lastRun(folder)?.id;
    git('commit', '-q', '--allow-empty', '-m', 'chore: no run for me');
    const sha = git('rev-parse', 'HEAD');
    const trigger = automation.forFolder(folder)?.trigger;
    await waitFor('the commit to be tracked', () => trigger?.tracked().some((c) => c.sha === sha));
    assert.strictEqual(gearshift.lastRun(folder)?.id, before, 'a manual-trigger pipeline ran on commit');
    assert.ok(trigger?.undeployed().commits.some((c) => c.sha === sha));
  });

  // review20 M8: the tooltip and Commits to Deploy said "not run" / "not in production" after a CLI deploy.
  it('a run from the CLI (a git hook, a terminal) counts for the commits it ran, and deployed them when it passed production', async () => {
    const restore = usePipeline(ON_COMMIT.replace('trigger: commit', 'trigger: manual'));
    try {
      const gearshift = await api();
      const automation = await gearshift.automation();
      const folder = workspaceFolder();
      git('commit', '-q', '--allow-empty', '-m', 'feat: deployed from a terminal');
      const sha = git('rev-parse', 'HEAD');
      const trigger = automation.forFolder(folder)?.trigger ?? assert.fail('no commit trigger for the folder');
      await waitFor('the commit to be tracked', () => trigger.tracked().some((c) => c.sha === sha));
      assert.strictEqual(trigger.commitRun(sha), undefined);
      assert.strictEqual(await cliRun(), 0);
      await waitFor('the CLI run to count as the commit\'s run', () => trigger.commitRun(sha)?.state === 'green');
      await waitFor('the commit to count as deployed', () => trigger.undeployed().commits.every((c) => c.sha !== sha));
      await waitFor('the tooltip to say the last commit ran', () => readableTooltip(gearshift.status().tooltip).includes(`Last commit ${sha.slice(0, 8)}: run green`))
        .catch((e: Error) => { throw new Error(`${e.message}; the tooltip says: ${readableTooltip(gearshift.status().tooltip)}`); });
    } finally {
      restore();
    }
  });

  // review22 M1: a refused waiting commit was only an output-channel line; the views said "not run" / "No run yet".
  it('a waiting commit HEAD moved past is refused, and the status tooltip says why (not only the output channel)', async () => {
    const release = path.join(os.tmpdir(), `gearshift-m1-${process.pid}-${Date.now()}`);
    const wait = `i=0; while [ ! -e '${release}' ]; do i=$((i+1)); [ $i -gt 1000 ] && exit 9; sleep 0.02; done`;
    const restore = usePipeline(`version: 1
trigger: commit
stages:
  - name: Unit Tests
    run: ${JSON.stringify(wait)}
`);
    const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    try {
      const gearshift = await api();
      const automation = await gearshift.automation();
      const folder = workspaceFolder();
      const trigger = automation.forFolder(folder)?.trigger ?? assert.fail('no commit trigger for the folder');
      git('commit', '-q', '--allow-empty', '-m', 'm1: A runs');
      const a = git('rev-parse', 'HEAD');
      await waitFor('the run for A', () => trigger.active()?.sha === a, 30_000);
      git('checkout', '-q', '-b', 'm1-side');
      git('commit', '-q', '--allow-empty', '-m', 'm1: D waits on a side branch');
      const d = git('rev-parse', 'HEAD');
      await waitFor('D to wait', () => trigger.queued().some((p) => p.sha === d));
      git('checkout', '-q', branch);
      fs.writeFileSync(release, '');
      const reason = await waitFor('D to be refused', () => trigger.notRun(d), 30_000);
      assert.match(reason, new RegExp(`^${d.slice(0, 8)} is no longer HEAD`));
      await waitFor('the tooltip to say why D was not run', () => readableTooltip(gearshift.status().tooltip).includes(`Last commit ${d.slice(0, 8)}: not run: ${d.slice(0, 8)} is no longer HEAD`))
        .catch((e: Error) => { throw new Error(`${e.message}; the tooltip says: ${readableTooltip(gearshift.status().tooltip)}`); });
    } finally {
      fs.rmSync(release, { force: true });
      restore();
    }
  });
});

