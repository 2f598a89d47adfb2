/**
 * Blue/green `deploy:`: a CI runner's clone knows no live slot. `gearshift run --stage` of a
 * production stage (`--via-cli`) would switch into the first slot; the plain command would run
 * with GEARSHIFT_SLOT empty and no switch (review24 F5). Such stages, and what needs them, are
 * left out of both exports and named; the header and the file agree.
 */
import * as assert from 'node:assert';
import { parse } from 'yaml';
import { exportPipeline } from '../../../src/core/export';
import { BLUE_GREEN_DEPLOY, BUILD_THEN_PROD, parseOk } from '../../support/exportFixtures';

const STAGES = `${BUILD_THEN_PROD}  - name: Smoke
    run: ./smoke.sh
  - name: Lint
    run: make lint
    needs: [Build]
`;
const BLUE_GREEN = `${STAGES}${BLUE_GREEN_DEPLOY}`;

function jobs(text: string, target: 'github' | 'gitlab', viaCli: boolean): { ids: string[]; out: string } {
  const out = exportPipeline(parseOk(text), { target, viaCli });
  const doc = parse(out) as Record<string, Record<string, unknown>>;
  const ids = target === 'github' ? Object.keys(doc.jobs) : Object.keys(doc).filter((k) => !['workflow', 'stages', 'variables'].includes(k));
  return { ids, out };
}

describe('export: production stages of a blue/green pipeline stay with `gearshift deploy`', () => {
  for (const target of ['github', 'gitlab'] as const) {
    for (const viaCli of [true, false]) {
      it(`${target}${viaCli ? ' --via-cli' : ''}: left out with what needs them, and named in the footer`, () => {
        const { ids, out } = jobs(BLUE_GREEN, target, viaCli);
        assert.deepStrictEqual(ids, ['build', 'lint']);
        assert.match(out, /^# Not exported: "Deploy Prod", "Smoke": the production stage\(s\) of the blue\/green deploy and what needs them\.$/m);
        assert.match(out, /no live slot \(no GEARSHIFT_SLOT\).*\n.*`gearshift deploy production`/);
      });
    }
    it(`${target}: kept without deploy:`, () => {
      const plain = jobs(STAGES, target, true);
      // GitLab lists jobs in stage order: Lint moves before Deploy Prod, which now needs it (fail-fast).
      assert.deepStrictEqual(plain.ids, target === 'github' ? ['build', 'deploy-prod', 'smoke', 'lint'] : ['build', 'lint', 'deploy-prod', 'smoke']);
      assert.doesNotMatch(plain.out, /production stage\(s\) of the blue\/green/);
    });
  }
});
