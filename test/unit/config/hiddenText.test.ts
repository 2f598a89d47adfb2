import * as assert from 'node:assert/strict';
import { formatConfigError, parsePipelineText } from '../../../src/core/config';
import { Workspaces } from '../../support/workspaces';
import { runMain } from '../cli/runMain';

const FILE = '/repo/.gearshift.yml';
const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';

function errorsOf(lines: readonly string[]): string[] {
  const result = parsePipelineText(`${lines.join('\n')}\n`, FILE);
  return result.ok ? [] : result.errors.map(formatConfigError);
}

/**
 * Stage names and `run` are what a person approves in the editor's approval and production
 * dialogs: a bidi override (Trojan Source) or a zero-width character would make the text read
 * differently from what runs, so validation refuses them at the character (review37b L1).
 */
describe('config: hidden characters in stage names, run and probes', () => {
  it('a right-to-left override in `run` is refused at its own line:col, and names itself', () => {
    assert.deepEqual(errorsOf(['version: 1', 'stages:', '  - name: Deploy', `    run: "echo SAFE ${RLO}${LRI} ;rm -rf ~/x ${PDI} "`]), [
      '/repo/.gearshift.yml:4:21: stage "Deploy": `run` holds the hidden character U+202E (right-to-left override), which can make the text shown for approval read differently from what it is; remove it',
    ]);
  });

  it('in a stage name; written as an escape it is reported at the value', () => {
    assert.deepEqual(errorsOf(['version: 1', 'stages:', '  - name: "deploy\\u202e"', '    run: make']), [
      '/repo/.gearshift.yml:3:11: stage "deploy\\u202e": `name` holds the hidden character U+202E (right-to-left override), which can make the text shown for approval read differently from what it is; remove it',
    ]);
  });

  it('zero-width characters in a block `run`, a probe\'s name and its command', () => {
    const errors = errorsOf([
      'version: 1', 'stages:', '  - name: Deploy', '    run: |', '      make', `      curl https://exa\u200Bmple.com`, '    environment: production',
      'monitor:', '  window: 1m', '  probes:', `    - name: "web${LRI}"`, '      http: http://127.0.0.1:8080/', `    - command: "check\uFEFF"`,
    ]);
    assert.deepEqual(errors.map((e) => e.replace(/, which .*$/, '')), [
      '/repo/.gearshift.yml:6:23: stage "Deploy": `run` holds the hidden character U+200B (zero width space)',
      '/repo/.gearshift.yml:11:17: monitor: probe "web\\u2066": `name` holds the hidden character U+2066 (left-to-right isolate)',
      '/repo/.gearshift.yml:13:22: monitor: probe 2: `command` holds the hidden character U+FEFF (zero width no-break space)',
    ]);
  });

  it('text in any script passes, with the marks and joiners real text needs (RLM, ZWNJ, ZWJ in an emoji)', () => {
    const result = parsePipelineText(['version: 1', 'stages:', '  - name: Größe prüfen ✓ 構築',
      `    run: echo "مرحبا\u200F שלום می\u200Cخواهم 👨\u200D👩\u200D👧 café"`, ''].join('\n'), FILE);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.pipeline.stages[0].run, 'echo "مرحبا\u200F שלום می\u200Cخواهم 👨\u200D👩\u200D👧 café"');
  });

  // rereview37 F2: a subdivision flag (England, Scotland, Wales) is 🏴 + tag letters + cancel tag; it shows as one flag.
  const SCOTLAND = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
  it('a subdivision flag emoji passes in a stage name and in `run`', () => {
    const result = parsePipelineText(['version: 1', 'stages:', `  - name: Deploy ${SCOTLAND} release`, `    run: echo "${SCOTLAND} go"`, ''].join('\n'), FILE);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.pipeline.stages[0].name, `Deploy ${SCOTLAND} release`);
  });

  it('tag characters outside a whole subdivision flag are refused, at the first stray one', () => {
    const errors = errorsOf(['version: 1', 'stages:', `  - name: Deploy ${SCOTLAND}`, '    run: "echo \u{E0067}\u{E0062}"',
      '  - name: Test', '    run: "echo \u{1F3F4}\u{E0067}\u{E0062}"', '  - name: Lint', `    run: "echo ${SCOTLAND} x\u{E0041}"`]);
    assert.deepEqual(errors.map((e) => e.replace(/, which .*$/, '')), [
      `/repo/.gearshift.yml:4:16: stage "Deploy ${SCOTLAND}": \`run\` holds the hidden character U+E0067 (tag character)`,
      '/repo/.gearshift.yml:6:18: stage "Test": `run` holds the hidden character U+E0067 (tag character)',
      '/repo/.gearshift.yml:8:32: stage "Lint": `run` holds the hidden character U+E0041 (tag character)',
    ]);
  });

  it('a "flag" hiding more tag letters than a region code has (2–6) is refused (rereview37b F5: 20 hidden letters passed)', () => {
    const hiding = `\u{1F3F4}${'\u{E0061}'.repeat(20)}\u{E007F}`;
    const errors = errorsOf(['version: 1', 'stages:', `  - name: Deploy ${hiding}`, '    run: make']);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /holds the hidden character U\+E0061 \(tag character\)/);
  });

  // rereview37 F7: the refused name was dropped, so a `needs` naming it said "no stage has that name" as
  // well; both messages held the raw U+200B, so they read "build" next to a stage called build.
  it('a name refused for a hidden character is one error, with the character escaped, and `needs` still finds the stage', () => {
    const errors = errorsOf(['version: 1', 'stages:', '  - name: "build\u200b"', '    run: make', '  - name: test', '    needs: ["build\u200b"]', '    run: make test']);
    assert.deepEqual(errors.map((e) => e.replace(/, which .*$/, '')), [
      '/repo/.gearshift.yml:3:17: stage "build\\u200b": `name` holds the hidden character U+200B (zero width space)',
    ]);
    assert.ok(!errors.some((e) => e.includes('\u200B')), errors.join('\n'));
  });

  describe('gearshift validate', function () {
    this.timeout(30_000);
    const ws = new Workspaces();
    afterEach(() => ws.cleanup());

    it('exits 2 with file:line:col and the character escaped, not raw, on stderr', async () => {
      const repo = ws.repo(['version: 1', 'stages:', '  - name: Deploy', `    run: "echo SAFE ${RLO} x"`, ''].join('\n'));
      const r = await runMain(['validate'], { cwd: repo });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /\.gearshift\.yml:4:21: stage "Deploy": `run` holds the hidden character U\+202E \(right-to-left override\)/);
      assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(r.stdout + r.stderr), r.stderr);
    });
  });
});
