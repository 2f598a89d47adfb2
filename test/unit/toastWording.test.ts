import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * review37a F14: most toasts began "Gearshift:", the feature toggles' and a few others did not. One rule: a
 * notification's text names Gearshift first, as the status item and the CLI do (the "Source: Gearshift" VS Code
 * adds sits in a corner, and is not in what a screen reader reads first). Checked where the text is written in
 * the call (a literal, or a template through notificationText); texts built elsewhere start with it there.
 */
describe('notification wording: every toast (not a modal question) written in place begins "Gearshift:"', () => {
  it('finds none that does not', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
    const call = /show(?:Information|Warning|Error)Message\(\s*(?:notificationText\(\s*)?(['"`])(.{0,40})/g;
    let seen = 0;
    const without: string[] = [];
    for (const file of files(path.join(root, 'src', 'vscode'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(call)) {
        seen++;
        // A modal dialog is a question in a sentence of its own ("A Gearshift pipeline run is in progress…"), not a toast.
        if (text.slice(m.index, m.index + 600).split(');')[0].includes('modal: true')) { continue; }
        if (!m[2].startsWith('Gearshift') && !m[2].startsWith('${')) { without.push(`${path.relative(root, file)}: ${m[2]}`); }
      }
    }
    assert.ok(seen > 20, `found only ${seen} toasts: the pattern no longer matches`);
    assert.deepStrictEqual(without, []);
  });
});
