/**
 * What a `--via-cli` job needs on a fresh runner: the stage's secrets under the names
 * `gearshift run` reads (GEARSHIFT_SECRET_<NAME>), only its own; Node and the repository's
 * dependencies installed before the stage runs; and a gearshift that is never fetched.
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportPipeline, type ExportTarget } from '../../../src/core/export';
import { DEFAULT_NODE_MAJOR, nodeMajorFor, type ViaCliSetup } from '../../../src/core/export/viaCliSetup';
import { parseOk } from '../../support/exportFixtures';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field

const SECRETS = `version: 1
stages:
  - name: Unit
    run: npm test
  - name: Deploy
    run: ./deploy.sh
    env:
      DEPLOY_TOKEN: "\${{ secrets.DEPLOY_TOKEN }}"
      AUTH: "Bearer \${{ secrets.API_KEY }} and \${{ secrets.DEPLOY_TOKEN }}"
`;

function exported(text: string, target: ExportTarget, viaCliSetup?: ViaCliSetup): { text: string; doc: Doc } {
  const out = exportPipeline(parseOk(text), { target, viaCli: true, viaCliSetup });
  return { text: out, doc: parse(out) as Doc };
}

describe('export --via-cli: the stage\'s secrets reach `gearshift run`', () => {
  it('GitHub: GEARSHIFT_SECRET_<NAME> from secrets.NAME in the stage\'s step only, not the install step, not other jobs', () => {
    const { doc } = exported(SECRETS, 'github');
    const steps = doc.jobs.deploy.steps as Doc[];
    assert.deepStrictEqual(steps.at(-1)?.env, {
      GEARSHIFT_EXPORT_STAGE: 'Deploy',
      GEARSHIFT_SECRET_API_KEY: '${{ secrets.API_KEY }}',
      GEARSHIFT_SECRET_DEPLOY_TOKEN: '${{ secrets.DEPLOY_TOKEN }}',
    });
    assert.ok(steps.slice(0, -1).every((s) => s.env === undefined), 'the install step sees no secret');
    assert.deepStrictEqual(doc.jobs.unit.steps.at(-1).env, { GEARSHIFT_EXPORT_STAGE: 'Unit' });
    assert.strictEqual(doc.jobs.deploy.env, undefined);
  });

  it('GitLab: GEARSHIFT_SECRET_<NAME>: $NAME (the CI/CD variable) in the job\'s variables, only the stage\'s own', () => {
    const { doc } = exported(SECRETS, 'gitlab');
    assert.deepStrictEqual(doc.deploy.variables, {
      GEARSHIFT_BRANCH: '$CI_COMMIT_REF_NAME', GEARSHIFT_SECRET_API_KEY: '$API_KEY', GEARSHIFT_SECRET_DEPLOY_TOKEN: '$DEPLOY_TOKEN',
    });
    assert.deepStrictEqual(doc.unit.variables, { GEARSHIFT_BRANCH: '$CI_COMMIT_REF_NAME' });
  });

  it('a production stage also gets the `http:` probes\' secrets: `gearshift run --stage` of it needs them set', () => {
    const text = `${SECRETS}  - name: Ship
    run: ./ship.sh
    environment: production
monitor:
  window: 2m
  probes:
    - http: "https://app.example.com/health?key=\${{ secrets.PROBE_KEY }}"
`;
    for (const target of ['github', 'gitlab'] as const) {
      const { doc } = exported(text, target);
      const ship = target === 'github' ? doc.jobs.ship.steps.at(-1).env : doc.ship.variables;
      assert.deepStrictEqual(Object.keys(ship).filter((k) => k !== 'GEARSHIFT_BRANCH' && k !== 'GEARSHIFT_EXPORT_STAGE'), ['GEARSHIFT_SECRET_PROBE_KEY'], target);
      const deploy = target === 'github' ? doc.jobs.deploy.steps.at(-1).env : doc.deploy.variables;
      assert.ok(!('GEARSHIFT_SECRET_PROBE_KEY' in deploy), `${target}: a non-production stage needs no probe secret`);
    }
  });
});

describe('export --via-cli: the job installs what it runs', () => {
  const sub: ViaCliSetup = { folder: 'web app', install: 'npm ci', nodeMajor: 20, nodeSource: 'engines.node "^20"' };

  it('GitHub: checkout, setup-node, npm ci (in the lockfile\'s folder), then the installed gearshift, never fetched', () => {
    const { doc, text } = exported(SECRETS, 'github', sub);
    const steps = doc.jobs.unit.steps as Doc[];
    assert.deepStrictEqual(steps.slice(0, 3), [
      { uses: 'actions/checkout@v4', with: { 'persist-credentials': false } },
      { uses: 'actions/setup-node@v4', with: { 'node-version': '20' } },
      { name: 'Install dependencies', run: 'npm ci', 'working-directory': 'web app' },
    ]);
    assert.strictEqual(steps[3].run, 'npx --no --offline gearshift run --stage="$GEARSHIFT_EXPORT_STAGE"');
    assert.match(text, /^# --via-cli: each job sets up Node 20 \(engines\.node "\^20"\), runs `npm ci` in web app, then runs the stage/m);
  });

  it('GitLab: a node image, npm ci in before_script (in a subshell: script\'s own cd is from the top)', () => {
    const { doc } = exported(SECRETS, 'gitlab', sub);
    assert.strictEqual(doc.unit.image, 'node:20');
    assert.deepStrictEqual(doc.unit.before_script, ["(cd -- 'web app' && npm ci)"]);
    assert.deepStrictEqual(doc.unit.script, ["npx --no --offline gearshift run --stage='Unit'"]);
  });

  it('without a look at the files: npm ci in the config\'s folder on the default LTS', () => {
    const { doc } = exported(SECRETS, 'gitlab');
    assert.strictEqual(doc.unit.image, `node:${DEFAULT_NODE_MAJOR}`);
    assert.deepStrictEqual(doc.unit.before_script, ['npm ci']);
  });

  it('a setup that installs nothing says why in the header, and the job has no install step', () => {
    const warned: ViaCliSetup = { folder: '', install: undefined, nodeMajor: 24, nodeSource: 'no engines.node', warning: 'pnpm-lock.yaml: not supported\nyet' };
    const github = exported(SECRETS, 'github', warned);
    assert.deepStrictEqual(github.doc.jobs.unit.steps.map((s: Doc) => s.uses ?? s.name), ['actions/checkout@v4', 'actions/setup-node@v4', 'Unit']);
    assert.match(github.text, /^# Warning: pnpm-lock\.yaml: not supported yet$/m);
    assert.strictEqual(exported(SECRETS, 'gitlab', warned).doc.unit.before_script, undefined);
  });
});

describe('export --via-cli: one Node major from engines.node', () => {
  const cases: Array<[string | undefined, number]> = [
    [undefined, DEFAULT_NODE_MAJOR], ['', DEFAULT_NODE_MAJOR], ['>=18', DEFAULT_NODE_MAJOR], ['>=26', 26], ['>24', 25],
    ['^20.11.0', 20], ['20.x', 20], ['~22.3', 22], ['20', 20], ['v22', 22], ['>=18 <23', 22], ['>=18 <=20', 20],
    ['>=18.0.0 <21.0.0', 20], ['^18 || ^20', 20], ['^18 || >=20', DEFAULT_NODE_MAJOR], ['18 - 21', 21], ['lts/*', DEFAULT_NODE_MAJOR],
    ['>=22 <20', DEFAULT_NODE_MAJOR],
  ];
  for (const [range, major] of cases) {
    it(`${JSON.stringify(range)} → ${major}`, () => assert.strictEqual(nodeMajorFor(range), major));
  }
});
