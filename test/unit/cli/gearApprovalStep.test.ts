/**
 * review40 M3: the gauge's approval step ("Deploy Prod approval: waited …", fixgauge39 L4) comes
 * only from runs whose gate a person approved, as the runner recorded it on the stage
 * (`approvalWaitMs`) in the real history file: never from today's `.gearshift.yml` read into runs
 * that had no gate, and not from a `--yes` approval, which nobody waited for.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFile, git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';
import { runMain } from './runMain';

const stagesOf = (gated: boolean): string => pipeline([
  { name: 'Unit Tests', run: 'echo tested' },
  { name: 'Deploy Prod', run: 'echo deployed', extra: ['environment: production', ...(gated ? ['approval: manual'] : [])] },
]);

/** The Deploy Prod stage of each run in the repository's real history file, as written. */
function deployStages(repo: string): Array<Record<string, unknown>> {
  const file = path.join(git(repo, 'rev-parse', '--git-common-dir'), 'gearshift', 'history.jsonl');
  const lines = fs.readFileSync(path.resolve(repo, file), 'utf8').split('\n').filter((l) => l.includes('"kind":"end"'));
  return lines.map((l) => (JSON.parse(l).run.stages as Array<Record<string, unknown>>).find((s) => s.name === 'Deploy Prod') ?? {});
}

describe('gearshift gear: a gate\'s wait only from runs a person was asked in (review40 M3, in-process main)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  it('adding `approval: manual` puts no approval step into the runs before it', async () => {
    const repo = ws.repo(stagesOf(false));
    for (let i = 0; i < 3; i++) { assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0); }
    commitFile(repo, '.gearshift.yml', stagesOf(true), 'gate Deploy Prod');
    const r = await runMain(['gear'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Deploy Prod approval|without the wait/, r.stdout);
    assert.match(r.stdout, /Longest stage +(Unit Tests|Deploy Prod): \d/, r.stdout);
  });

  it('a `--yes` approval records who, no wait: no approval step', async () => {
    const repo = ws.repo(stagesOf(true));
    for (let i = 0; i < 2; i++) { assert.equal((await runMain(['run', '--yes'], { cwd: repo })).code, 0); }
    const deploys = deployStages(repo);
    assert.equal(deploys.length, 2);
    for (const s of deploys) { assert.equal(typeof s.approvedBy, 'string'); assert.equal(s.approvalWaitMs, undefined); assert.equal(s.approvedInAdvance, true); }
    const r = await runMain(['gear'], { cwd: repo });
    assert.doesNotMatch(r.stdout, /Deploy Prod approval|without the wait/, r.stdout);
  });

  it('a gate a person approved at the prompt records its wait, and the gauge shows it as a step', async () => {
    const repo = ws.repo(stagesOf(true));
    const asked = await runMain(['run'], { cwd: repo, tty: true, answers: ['y', 'y', 'y'] });
    assert.equal(asked.code, 0, asked.stderr);
    assert.ok(asked.io.questions.some((q) => q.startsWith('Approve stage "Deploy Prod"?')), asked.io.questions.join('\n'));
    const [deploy] = deployStages(repo);
    assert.equal(typeof deploy.approvedBy, 'string');
    assert.ok(typeof deploy.approvalWaitMs === 'number' && deploy.approvalWaitMs >= 0, JSON.stringify(deploy));
    const r = await runMain(['gear'], { cwd: repo });
    assert.match(r.stdout, /Deploy Prod approval: \d/, r.stdout);
    assert.match(r.stdout, /without the wait at Deploy Prod approval/, r.stdout);
  });

  it('a run from before gates were timed (approvedBy, no approvalWaitMs) keeps its wait out of duration and top speed (rereview40 F3)', async () => {
    const repo = ws.repo(stagesOf(true));
    const sha = git(repo, 'rev-parse', 'HEAD');
    const iso = (ms: number): string => new Date(ms).toISOString();
    const lines: string[] = [];
    // As 3319e774 wrote them: Unit Tests 1m, then a person approved Deploy Prod 2h later, 30s.
    for (let i = 0; i < 10; i++) {
      const t0 = Date.now() - (i + 1) * 86_400_000;
      const end = t0 + 60_000 + 7_200_000 + 30_000;
      const base = { id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, sha, branch: 'main', trigger: 'cli', startedAt: iso(t0), environment: 'production', productionStages: ['Deploy Prod'] };
      const stages = [{ name: 'Unit Tests', state: 'passed', exitCode: 0, durationMs: 60_000, startedAt: iso(t0) },
        { name: 'Deploy Prod', state: 'passed', exitCode: 0, durationMs: 30_000, startedAt: iso(t0 + 60_000 + 7_200_000), approvedBy: 't' }];
      lines.push(JSON.stringify({ v: 1, kind: 'start', at: iso(t0), pid: 1, host: 'vm', run: { ...base, state: 'running', stages: [] } }));
      lines.push(JSON.stringify({ v: 1, kind: 'end', at: iso(end), pid: 1, host: 'vm', run: { ...base, state: 'green', endedAt: iso(end), durationMs: end - t0, stages } }));
    }
    const dir = path.resolve(repo, git(repo, 'rev-parse', '--git-common-dir'), 'gearshift');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'history.jsonl'), `${lines.join('\n')}\n`);
    const r = await runMain(['gear'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Pipeline duration +1m 30s/, r.stdout);
    assert.match(r.stdout, /without the wait at Deploy Prod approval \(2h\)/, r.stdout);
    assert.match(r.stdout, /Top speed +960 deploys\/day/, r.stdout);
    assert.match(r.stdout, /Longest stage +Deploy Prod approval: waited 2h/, r.stdout);
    const again = await runMain(['gear'], { cwd: repo }); // read again, from the kept gauge: the same
    assert.match(again.stdout, /Pipeline duration +1m 30s/, again.stdout);
  });
});
