import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_FLAGS_FILES, ENVIRONMENT_FLAGS_FILES } from '../../../src/core/flags';
import { completionEvents, WALKTHROUGH_ID, WALKTHROUGH_STEPS } from '../../../src/core/walkthrough';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
interface ManifestStep { id: string; title: string; description: string; media: { svg?: string; altText?: string }; completionEvents: string[] }
const walkthrough = manifest.contributes.walkthroughs[0] as { id: string; title: string; steps: ManifestStep[] };

/** Commands the walkthrough's buttons may run besides Gearshift's own. */
const WORKBENCH_COMMANDS = new Set(['workbench.action.quickOpen']);

describe('walkthrough: the package.json contribution', () => {
  it('has the id the code opens, and the steps of core/walkthrough in order, each completed by its context key taking either done value', () => {
    assert.strictEqual(`${manifest.publisher}.${manifest.name}#${walkthrough.id}`, WALKTHROUGH_ID);
    assert.strictEqual(walkthrough.title, 'Shift up through the five gears');
    assert.deepStrictEqual(walkthrough.steps.map((s) => [s.id, s.title]), WALKTHROUGH_STEPS.map((s) => [s.id, s.title]));
    for (const s of walkthrough.steps) {
      assert.deepStrictEqual(s.completionEvents, completionEvents(s.id as never), s.id);
      assert.deepStrictEqual(s.completionEvents, [`onContext:gearshift.walkthrough.${s.id} == done`, `onContext:gearshift.walkthrough.${s.id} == doneAgain`]);
    }
  });

  it('every step has a button that runs a contributed command', () => {
    const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const s of walkthrough.steps) {
      const commands = [...s.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(commands.length > 0, `${s.id} has no command button`);
      for (const c of commands) { assert.ok(contributed.has(c) || WORKBENCH_COMMANDS.has(c), `${s.id}: ${c} is not a contributed command`); }
    }
    assert.ok(contributed.has('gearshift.openWalkthrough'));
  });

  it('the flags step names the files Gearshift reads without a flags: section, and no others', () => {
    const step = walkthrough.steps.find((s) => s.id === 'flagsFile');
    const named = [...(step?.description ?? '').matchAll(/[\w./<>-]*flags[\w.<>-]*\.json/g)].map((m) => m[0]);
    const read = [...DEFAULT_FLAGS_FILES, ...ENVIRONMENT_FLAGS_FILES.map(([, file]) => file)];
    assert.deepStrictEqual([...named].sort(), [...read].sort());
  });

  it('every step has a small, theme-aware SVG that ships in the .vsix and runs no script', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\.svg$/m);
    for (const s of walkthrough.steps) {
      assert.ok(s.media.svg && s.media.altText, `${s.id} has no svg or alt text`);
      const svg = fs.readFileSync(path.join(root, s.media.svg), 'utf8');
      assert.ok(svg.length < 4096, `${s.media.svg} is ${svg.length} bytes`);
      assert.match(svg, /var\(--vscode-foreground/, `${s.media.svg} does not follow the theme's foreground`);
      // Every colour is a theme variable (a hex value only as a var() fallback, or white on a coloured box).
      const bare = svg.replace(/var\(--vscode-[\w-]+,[^)]*\)/g, '').match(/#[0-9a-f]{3,6}\b/gi) ?? [];
      assert.deepStrictEqual(bare.filter((c) => c.toLowerCase() !== '#fff'), [], `${s.media.svg} has fixed colours`);
      assert.doesNotMatch(svg, /<script|on\w+=|href=/i);
      // VS Code shows it in a webview whose CSP has no 'unsafe-inline': a <style> or style="" is dropped and shapes turn black.
      assert.doesNotMatch(svg, /<style|style=/i, `${s.media.svg} styles through CSS, which the walkthrough's CSP blocks`);
    }
  });
});
