/**
 * "Pipeline never red for more than a day" on a young history, as a user meets it: real
 * `gearshift run`s, real git, the CLI's answers. Minutes of history say nothing about a day: the
 * item says what was measured and is not met until history covers a day (as the gear is
 * provisional on a short deploy history).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { pipeline, Workspaces } from '../../support/workspaces';
import { git } from '../../support/git';
import { fresh, historyOf } from './keptGauge';
import { runMain } from './runMain';

const DAY = 24 * 60 * 60_000;
const SPAN = '(?:less than a minute|\\d+ minutes?)';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

interface Item { id: string; status: string; how: string }

function shifted(value: unknown, ms: number): unknown {
  if (typeof value === 'string') { return ISO.test(value) ? new Date(Date.parse(value) + ms).toISOString() : value; }
  if (Array.isArray(value)) { return value.map((v) => shifted(v, ms)); }
  if (value && typeof value === 'object') { return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, ms)])); }
  return value;
}

describe('readiness checklist: "never red for more than a day" needs a day of history (real runs)', function () {
  this.timeout(60_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());
  const PIPE = pipeline([{ name: 'Unit Tests', run: 'echo tested' }]);

  const item = async (repo: string): Promise<Item> => {
    const json = JSON.parse((await fresh(repo, ['gear', '--json'])).stdout) as { checklist: Item[] };
    return json.checklist.find((i) => i.id === 'never-red-long')!;
  };

  it('two green runs minutes old: not met, saying the minutes it measured, in gear --json and gear', async () => {
    const repo = ws.repo(PIPE);
    for (let i = 0; i < 2; i++) {
      git(repo, 'commit', '-q', '--allow-empty', '-m', `change ${i}`);
      assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    }
    const got = await item(repo);
    assert.strictEqual(got.status, 'unknown', JSON.stringify(got));
    assert.match(got.how, new RegExp(`^never red in ${SPAN} of history: not met until history covers a day$`));
    const text = (await fresh(repo, ['gear'])).stdout;
    assert.match(text, new RegExp(`\\n {2}\\? \\[to leave gear 1\\] Pipeline never red for more than a day — never red in ${SPAN} of history: not met until history covers a day\\n`));
  });

  it('a run two days ago and one now: met, over the two days there are, not "the last 90 days"', async () => {
    const repo = ws.repo(PIPE);
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const lines = fs.readFileSync(historyOf(repo), 'utf8').split('\n').filter((l) => l.trim() !== '');
    fs.writeFileSync(historyOf(repo), lines.map((l) => `${JSON.stringify(shifted(JSON.parse(l), -2 * DAY))}\n`).join(''));
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'today');
    assert.strictEqual((await runMain(['run'], { cwd: repo })).code, 0);
    const got = await item(repo);
    assert.deepStrictEqual([got.status, got.how], ['done', 'never red in 2 days of history']);
  });
});
