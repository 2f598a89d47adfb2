/**
 * `--via-cli` with blue/green `deploy:`: `gearshift run --stage` of a production stage would run
 * the slot switch on the CI runner, whose clone knows no live slot (always the first slot). Such
 * stages, and what needs them, are left out and named; the header and the file agree.
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportPipeline } from '../../../src/core/export';
import { parseOk } from '../../support/exportFixtures';

const STAGES = `version: 1
stages:
  - name: Build
    run: make
  - name: Deploy Prod
    run: ./deploy.sh
    environment: production
  - name: Smoke
    run: ./smoke.sh
  - name: Lint
    run: make lint
    needs: [Build]
`;
const BLUE_GREEN = `${STAGES}deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: ./switch.sh
`;

function jobs(text: string, target: 'github' | 'gitlab', viaCli: boolean): { ids: string[]; out: string } {
  const out = exportPipeline(parseOk(text), { target, viaCli });
  const doc = parse(out) as Record<string, Record<string, unknown>>;
  const ids = target === 'github' ? Object.keys(doc.jobs) : Object.keys(doc).filter((k) => !['workflow', 'stages', 'variables'].includes(k));
  return { ids, out };
}

describe('export --via-cli: production stages of a blue/green pipeline stay with `gearshift deploy`', () => {
  for (const target of ['github', 'gitlab'] as const) {
    it(`${target}: left out with what needs them, and named in the footer`, () => {
      const { ids, out } = jobs(BLUE_GREEN, target, true);
      assert.deepStrictEqual(ids, ['build', 'lint']);
      assert.match(out, /^# Not exported \(--via-cli\): "Deploy Prod", "Smoke": production stage\(s\) and what needs them\.$/m);
      assert.match(out, /blue\/green switch on the runner, which knows no live slot/);
    });
    it(`${target}: kept without --via-cli (the command runs, no switch) and without deploy:`, () => {
      assert.deepStrictEqual(jobs(BLUE_GREEN, target, false).ids, ['build', 'deploy-prod', 'smoke', 'lint']);
      const plain = jobs(STAGES, target, true);
      assert.deepStrictEqual(plain.ids, ['build', 'deploy-prod', 'smoke', 'lint']);
      assert.doesNotMatch(plain.out, /Not exported \(--via-cli\)/);
    });
  }
});
