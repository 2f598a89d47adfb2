/**
 * A pipeline variable (GitLab's "Run pipeline" form, the API, a schedule, a trigger) outranks a
 * job's own `variables:`. The exported job must run the stage's command as written whatever
 * pipeline variables are set: the command is in `script` itself, not in a job variable that such
 * a variable could replace (review37b M2; adopted from its probe). gitlab-ci-local follows
 * GitLab's precedence (`--variable` is a pipeline variable there).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGitlabCiLocal, useExportedRepo } from './gitlabCiLocalRun';

const PIPELINE = `version: 1
trigger: commit
stages:
  - name: deploy
    environment: production
    run: echo reviewed >> "$TRACE"
`;

describe('export: a GitLab pipeline variable cannot replace a job\'s command', function () {
  this.timeout(120_000);
  const gcl = useExportedRepo(PIPELINE);

  it('runs the stage\'s own command when a pipeline variable named GEARSHIFT_RUN (the old carrier) is set', async () => {
    const trace = path.join(gcl.repo, 'ci.trace');
    const ran = await runGitlabCiLocal(gcl.node, gcl.repo, gcl.home, ['--force-shell-executor', '--json-schema-validation', '--variable', `TRACE=${trace}`, '--variable', `GEARSHIFT_RUN=echo replaced >> "${trace}"`]);
    assert.strictEqual(ran.code, 0, ran.out);
    assert.strictEqual(fs.readFileSync(trace, 'utf8'), 'reviewed\n');
  });

  it('the job holds no command in any variable: nothing a pipeline variable could replace', () => {
    const text = fs.readFileSync(path.join(gcl.repo, '.gitlab-ci.yml'), 'utf8');
    assert.match(text, /^ {4}- sh -c 'echo reviewed >> "\$TRACE"'$/m);
    assert.strictEqual(text.split('echo reviewed').length, 2, 'the command is written once: in script');
  });
});
