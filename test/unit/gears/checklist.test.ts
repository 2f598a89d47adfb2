import * as assert from 'assert';
import { FileTrees } from '../../support/fileTree';
import { readinessChecklist, type ChecklistInput, type ChecklistItem } from '../../../src/core/gears/checklist';
import { checklistTag } from '../../../src/core/gears';
import { flagPackages, scanRepo } from '../../../src/core/gears/repoScan';
import { DAY, HOUR, pipeline, SIMPLE, stage } from './helpers';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, initRepo } from '../../support/git';
import type { Pipeline } from '../../../src/core/config';
import { loadFlagsFiles } from '../../../src/core/flags';

const CONTINUOUS = 'continuous-trigger';
/** Only its presence matters to the scan: a folder with a pipeline reads the flags files at the default names. */
const PIPELINE = 'stages:\n  - name: test\n    run: npm test\n';

describe('gears: scanRepo on fixture folders', () => {
  const trees = new FileTrees('gearshift-gears-');
  const folder = (files: Record<string, string>): string => trees.make(files);
  after(() => trees.cleanup());

  it('finds a Terraform file', async () => {
    const facts = await scanRepo(folder({ 'infra/main.tf': 'resource "null_resource" "x" {}', 'README.md': '' }));
    assert.deepStrictEqual(facts.provisioning, [{ file: 'infra/main.tf', what: 'Terraform' }]);
  });

  it('finds a Helm chart, Ansible, Pulumi, Puppet and a CloudFormation template', async () => {
    const facts = await scanRepo(folder({
      'deploy/chart/Chart.yaml': 'apiVersion: v2', 'ansible.cfg': '', 'Pulumi.yaml': 'name: x', 'manifests/site.pp': '',
      'aws/stack.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\n', 'aws/other-stack.yaml': 'not a template',
    }));
    assert.deepStrictEqual(facts.provisioning.map((f) => `${f.what} ${f.file}`).sort(), [
      'Ansible ansible.cfg', 'CloudFormation aws/stack.yaml', 'Helm deploy/chart/Chart.yaml', 'Pulumi Pulumi.yaml', 'Puppet manifests/site.pp',
    ]);
  });

  it('finds a package.json depending on @openfeature/server-sdk', async () => {
    const facts = await scanRepo(folder({ 'package.json': JSON.stringify({ dependencies: { '@openfeature/server-sdk': '^1.0.0', express: '^4' } }) }));
    assert.deepStrictEqual(facts.flagSdks, [{ file: 'package.json', what: '@openfeature/server-sdk' }]);
    assert.deepStrictEqual(facts.flagsFiles, []);
  });

  it('finds the flags files `gearshift flags` reads, by its own lookup, and no others (walk29 M4)', async () => {
    const facts = await scanRepo(folder({ '.gearshift.yml': PIPELINE, 'flags.json': '{"flags":{}}', '.gearshift/flags.json': '{}', 'flags.production.json': '{}', 'config/flags.json': '{}', 'flagd.json': '{}' }));
    assert.deepStrictEqual([...facts.flagsFiles], ['flags.json', 'flags.production.json']);
    const named = folder({ '.gearshift.yml': PIPELINE, 'config/toggles.json': '{"flags":{}}', 'flags.json': '{}' });
    const flags = { files: [{ environment: 'default', path: path.join(named, 'config/toggles.json') }], staleAfterMs: 30 * DAY };
    assert.deepStrictEqual([...(await scanRepo(named, { flags: Promise.resolve(flags) })).flagsFiles], ['config/toggles.json']);
  });

  it('without a pipeline, counts a flags.json only when it declares flagd\'s $schema, as the editor does (review37a F2)', async () => {
    const flag = '"flags":{"a":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"}}';
    const other = folder({ 'flags.json': `{"flags":{"newUI":true}}` });
    assert.deepStrictEqual([(await scanRepo(other)).flagsFiles, (await scanRepo(other)).staleFlagsUnknown], [[], undefined]);
    const toggles = readinessChecklist({ pipeline: SIMPLE, repo: await scanRepo(other), runsInWindow: 10, longestRedMs: 2 * HOUR, windowMs: 90 * DAY, recordedMs: 90 * DAY }).find((i) => i.id === 'feature-toggles');
    assert.strictEqual(toggles?.status, 'missing');
    const declared = folder({ 'flags.json': `{"$schema":"https://flagd.dev/schema/v0/flags.json",${flag}}` });
    assert.deepStrictEqual([...(await scanRepo(declared)).flagsFiles], ['flags.json']);
    const withPipeline = folder({ '.gearshift.yml': PIPELINE, 'flags.json': `{${flag}}` });
    assert.deepStrictEqual([...(await scanRepo(withPipeline)).flagsFiles], ['flags.json']);
  });

  it('without a pipeline, reads a flags.json for its $schema up to the editor\'s 4 MiB, as `gearshift flags` does (rereview37b F9)', async () => {
    const flag = '"flags":{"a":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"}}';
    const schema = '"$schema":"https://flagd.dev/schema/v0/flags.json"';
    const pad = (bytes: number): string => `"$evaluators":{"pad":"${'x'.repeat(bytes)}"}`;
    const late = folder({ 'flags.json': `{${pad(1.5 * 1024 * 1024)},${schema},${flag}}` });
    const tooLarge = folder({ 'flags.json': `{${schema},${pad(4 * 1024 * 1024)},${flag}}` });
    const seen = async (root: string): Promise<[string[], number]> =>
      [[...(await scanRepo(root, { gitHistory: false })).flagsFiles], (await loadFlagsFiles({ root, onlyDeclared: true })).length];
    assert.deepStrictEqual(await seen(late), [['flags.json'], 1], 'a $schema after the first MiB counts on the checklist as in the editor');
    assert.deepStrictEqual(await seen(tooLarge), [[], 0], 'past the limit it is no flags file in either');
  });

  it('a flagd.json that no flags command reads is no flags file, and earns no "no stale toggles" (walk29 M4)', async () => {
    const repo = folder({ 'flagd.json': '{"flags":{"a":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"}}}' });
    initRepo(repo);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'flagd');
    const facts = await scanRepo(repo);
    assert.deepStrictEqual([facts.flagsFiles, facts.staleFlags], [[], undefined]);
    const items = readinessChecklist({ pipeline: SIMPLE, repo: facts, runsInWindow: 10, longestRedMs: 2 * HOUR, windowMs: 90 * DAY, recordedMs: 90 * DAY });
    const toggles = items.find((i) => i.id === 'feature-toggles');
    const dead = items.find((i) => i.id === 'no-dead-toggles');
    assert.deepStrictEqual([toggles?.status, dead?.status], ['missing', 'unknown']);
    assert.doesNotMatch(toggles?.how ?? '', /flagd\.json/);
  });

  it('stale toggles are unknown (with why), never 0, outside git, with a broken flags file, or with git not to be run (untrusted)', async () => {
    const flags = '{"flags":{"a":{"state":"ENABLED","variants":{"on":true,"off":false},"defaultVariant":"off"}}}';
    const outside = await scanRepo(folder({ '.gearshift.yml': PIPELINE, 'flags.json': flags }));
    assert.strictEqual(outside.staleFlags, undefined);
    assert.match(outside.staleFlagsUnknown ?? '', /^the flags files' git history could not be read \(.*not a git repository/);
    const repo = folder({ '.gearshift.yml': PIPELINE, 'flags.json': flags });
    initRepo(repo);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'flags');
    assert.deepStrictEqual([(await scanRepo(repo)).staleFlags, (await scanRepo(repo)).staleFlagsUnknown], [0, undefined]);
    const untrusted = await scanRepo(repo, { gitHistory: false });
    assert.deepStrictEqual([untrusted.staleFlags, untrusted.staleFlagsUnknown], [undefined, 'git is not run in an untrusted workspace']);
    fs.writeFileSync(path.join(repo, 'flags.json'), flags.replace('}}}', '},}}'));
    const broken = await scanRepo(repo);
    assert.deepStrictEqual([broken.staleFlags, broken.staleFlagsUnknown], [undefined, 'a flags file has errors: `gearshift flags list` shows them']);
    const item = readinessChecklist({ pipeline: SIMPLE, repo: broken, runsInWindow: 10, longestRedMs: 2 * HOUR, windowMs: 90 * DAY, recordedMs: 90 * DAY }).find((i) => i.id === 'no-dead-toggles');
    assert.deepStrictEqual([item?.status, item?.how], ['unknown', 'a flags file has errors: `gearshift flags list` shows them']);
  });

  it('finds nothing in a plain folder, nor below depth 3, nor in node_modules or .git', async () => {
    const facts = await scanRepo(folder({
      'src/index.js': '', 'a/b/c/d/main.tf': '', 'node_modules/pkg/main.tf': '', '.git/flags.json': '{}',
      'node_modules/x/package.json': JSON.stringify({ dependencies: { 'unleash-client': '1' } }),
    }));
    assert.deepStrictEqual([facts.provisioning, facts.flagsFiles, facts.flagSdks, facts.truncated], [[], [], [], false]);
    assert.deepStrictEqual((await scanRepo(folder({ 'a/b/c/main.tf': '' }))).provisioning.length, 1);
  });

  it('stops after the entry budget and says so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) { files[`f${String(i).padStart(2, '0')}.txt`] = ''; }
    files['zz/main.tf'] = '';
    const facts = await scanRepo(folder(files), { maxEntries: 10 });
    assert.strictEqual(facts.truncated, true);
    assert.strictEqual(facts.entries, 10);
    assert.deepStrictEqual(facts.provisioning, []);
  });

  it('reads flag SDKs from every dependency kind and ignores bad JSON', () => {
    assert.deepStrictEqual(flagPackages(JSON.stringify({ devDependencies: { '@launchdarkly/node-server-sdk': '1' }, optionalDependencies: { 'unleash-client': '1' } })),
      ['@launchdarkly/node-server-sdk', 'unleash-client']);
    assert.deepStrictEqual(flagPackages('{ nope'), []);
  });
});

describe('gears: readinessChecklist', () => {
  const byId = (items: ChecklistItem[]) => Object.fromEntries(items.map((i) => [i.id, i]));
  const emptyRepo = { root: '/r', entries: 3, truncated: false, provisioning: [], flagsFiles: [], flagSdks: [] };
  const input: ChecklistInput = { pipeline: SIMPLE, repo: emptyRepo, runsInWindow: 10, longestRedMs: 2 * HOUR, windowMs: 90 * DAY, recordedMs: 90 * DAY };

  it('reads the simple pipeline: production stage, test first, no manual steps, nothing else', () => {
    const items = byId(readinessChecklist(input));
    const status = Object.fromEntries(Object.entries(items).map(([id, i]) => [id, i.status]));
    assert.deepStrictEqual(status, {
      'deploy-automated': 'done', 'no-manual-steps': 'done', 'test-before-deploy': 'done', 'never-red-long': 'done',
      provisioning: 'missing', 'blue-green': 'missing', 'feature-toggles': 'missing', 'no-dead-toggles': 'unknown', 'acceptance-tests': 'missing',
      monitoring: 'done', 'alert-webhook': 'missing', 'continuous-trigger': 'missing', 'parallel-stages': 'missing',
    });
    assert.strictEqual(items['test-before-deploy'].how, '"Unit Tests" before "Deploy to Production"');
    assert.match(items['never-red-long'].how, /longest red stretch 2h/);
  });

  it('marks everything ready on a 4th-gear pipeline with a provisioned, toggled repository', () => {
    const p = pipeline([
      stage('Unit Tests', { run: 'npm test' }), stage('Lint', { run: 'npm run lint', needs: [] }),
      stage('Provision', { run: 'terraform apply', needs: ['Unit Tests', 'Lint'] }), stage('Deploy to Non-Prod', { environment: 'non-prod' }),
      stage('Acceptance Tests', { run: 'npx playwright test' }), stage('Deploy to Production', { environment: 'production' }), stage('Smoke'),
    ], { trigger: 'commit', deploy: { strategy: 'blue-green', slots: ['blue', 'green'], switch: './switch.sh' }, alerts: { webhook: 'http://127.0.0.1:9/h' } });
    // With blue/green the Smoke stage runs before the switch: only monitor: watches the new release (review26 F2).
    const items = readinessChecklist({ ...input, pipeline: { ...p, monitor: { probes: [{ http: 'http://127.0.0.1:9/health' }] } as unknown as Pipeline['monitor'] }, repo: { ...emptyRepo, flagsFiles: ['flags.json'], staleFlags: 0 } });
    assert.deepStrictEqual(items.filter((i) => i.status !== 'done').map((i) => i.id), []);
    // Stale toggles count against "remove dead toggles".
    const dead = readinessChecklist({ ...input, pipeline: p, repo: { ...emptyRepo, flagsFiles: ['flags.json'], staleFlags: 2 } }).find((i) => i.id === 'no-dead-toggles');
    assert.deepStrictEqual([dead?.status, dead?.how], ['missing', '2 stale toggles: `gearshift flags stale` lists them and their references']);
    assert.strictEqual(byId(items)['parallel-stages'].how, '"Unit Tests" and "Lint" start together');
    const monitored = (n: number) => byId(readinessChecklist({ ...input, pipeline: { ...p, monitor: { probes: Array(n).fill({ http: 'http://127.0.0.1:9/health' }) } as unknown as Pipeline['monitor'] } })).monitoring?.how;
    assert.deepStrictEqual([monitored(1), monitored(2)], ['monitor: 1 probe watches each production deploy', 'monitor: 2 probes watch each production deploy']);
    assert.strictEqual(byId(items)['deploy-automated'].how, 'stage "Deploy to Production" has environment: production');
    const twoProd = pipeline([stage('Unit Tests'), stage('Provision Prod', { environment: 'production' }), stage('Deploy Prod', { environment: 'production' })]);
    assert.strictEqual(byId(readinessChecklist({ ...input, pipeline: twoProd }))['deploy-automated'].how, 'stages "Provision Prod", "Deploy Prod" have environment: production');
  });

  // review22 M2: queue: all under checkout: workspace runs only the newest commit of a burst; the item was ticked.
  it('trigger: commit with queue: all is not "every commit unattended" unless checkout: clean', () => {
    const stages = [stage('Unit Tests'), stage('Deploy to Production', { environment: 'production' })];
    const item = (extra: Partial<Pipeline>): ChecklistItem => readinessChecklist({ ...input, pipeline: pipeline(stages, { trigger: 'commit', ...extra }) }).find((i) => i.id === CONTINUOUS) ?? assert.fail('no item');
    assert.deepStrictEqual([item({ queue: 'all' }).status, item({ queue: 'all' }).how], ['missing', 'trigger: commit, but queue: all without checkout: clean runs only the newest commit of a burst']);
    assert.strictEqual(item({ queue: 'all', checkout: 'clean' }).status, 'done');
    assert.strictEqual(item({ queue: 'latest' }).status, 'done');
  });

  it('flags manual steps, tests after the deploy and a long red stretch', () => {
    const p = pipeline([stage('Deploy to Non-Prod', { environment: 'non-prod', approval: 'manual' }), stage('Unit Tests'), stage('Deploy to Production', { environment: 'production', approval: 'manual' })]);
    const items = byId(readinessChecklist({ ...input, pipeline: p, longestRedMs: 26 * HOUR }));
    assert.strictEqual(items['no-manual-steps'].status, 'missing');
    assert.strictEqual(items['no-manual-steps'].how, 'approval: manual on "Deploy to Non-Prod"');
    assert.strictEqual(items['test-before-deploy'].status, 'missing');
    assert.strictEqual(items['never-red-long'].status, 'missing');
  });

  it('tests before a deploy means its needs wait for them: a deploy stage with needs: [] runs beside the tests', () => {
    const parallel = pipeline([stage('Test', { run: 'npm test' }), stage('Deploy Prod', { environment: 'production', needs: [] })]);
    const item = byId(readinessChecklist({ ...input, pipeline: parallel }))['test-before-deploy'];
    assert.deepStrictEqual([item.status, item.how], ['missing', 'no stage "Deploy Prod" waits for (its needs) mentions tests in its name or command']);
    const late = pipeline([
      stage('Unit Tests', { run: 'npm test' }), stage('Deploy Non-Prod', { environment: 'non-prod' }),
      stage('Hotfix Prod', { environment: 'production', needs: [] }),
    ]);
    assert.strictEqual(byId(readinessChecklist({ ...input, pipeline: late }))['test-before-deploy'].how, 'no stage "Hotfix Prod" waits for (its needs) mentions tests in its name or command');
    const fanIn = pipeline([
      stage('Build'), stage('Unit Tests', { run: 'npm test', needs: [] }), stage('Deploy Prod', { environment: 'production', needs: ['Build', 'Unit Tests'] }),
    ]);
    const ok = byId(readinessChecklist({ ...input, pipeline: fanIn }))['test-before-deploy'];
    assert.deepStrictEqual([ok.status, ok.how], ['done', '"Unit Tests" before "Deploy Prod"']);
  });

  it('"never red for more than a day" says what it measured: the window, or the shorter history; met only once history covers a day', () => {
    const never = (recordedMs: number, longestRedMs = 0): [string, string] => {
      const i = byId(readinessChecklist({ ...input, longestRedMs, recordedMs }))['never-red-long'];
      return [i.status, i.how];
    };
    assert.deepStrictEqual(never(20 * 60_000), ['unknown', 'never red in 20 minutes of history: not met until history covers a day']);
    assert.deepStrictEqual(never(5 * HOUR, 30 * 60_000), ['unknown', 'longest red stretch 30m in 5 hours of history: not met until history covers a day']);
    assert.deepStrictEqual(never(DAY), ['done', 'never red in 1 day of history']);
    assert.deepStrictEqual(never(3 * DAY, 26 * HOUR), ['missing', 'longest red stretch 1.1 days in 3 days of history']);
    assert.deepStrictEqual(never(90 * DAY), ['done', 'never red in the last 90 days (from history)']);
  });

  it('is unknown without a pipeline, a scan or runs', () => {
    const items = readinessChecklist({ runsInWindow: 0, longestRedMs: 0, windowMs: 90 * DAY, recordedMs: 0 });
    assert.ok(items.every((i) => i.status === 'unknown'), JSON.stringify(items.filter((i) => i.status !== 'unknown')));
  });

  it('tags each item with the gear it shifts up from; the top gear\'s with "to go faster" (there is none to leave, review32 L4)', () => {
    const items = readinessChecklist({ runsInWindow: 0, longestRedMs: 0, windowMs: 90 * DAY, recordedMs: 0 });
    const tags = new Map(items.map((i) => [i.id, checklistTag(i.gear)]));
    assert.strictEqual(tags.get('blue-green'), 'to leave gear 2');
    assert.strictEqual(tags.get('parallel-stages'), 'to go faster in gear 5');
    assert.ok([...tags.values()].every((t) => !/leave gear 5/.test(t)));
  });
});
