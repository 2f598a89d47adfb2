/** The manifest's flags contributions (review37a F2, F6): package.json alone. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UNDECLARED_RULE } from '../../../src/core/flags';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };

describe('manifest: flags contributions', () => {
  // review37a F2: `flags.json` is a common name; a schema attached to it reached every repository's
  // file of that name (and, offline, a "could not load schema" warning in Problems).
  it('attaches no schema to every flags.json: a file gets flagd\'s by declaring "$schema" itself', () => {
    const matches = ((manifest.contributes.jsonValidation ?? []) as { fileMatch: string | string[] }[]).flatMap((v) => [v.fileMatch].flat());
    const claimsCommonName = matches.filter((m) => /(^|\/)flags(\.\*)?\.json$|^flags\*/.test(m) && !m.startsWith('.gearshift/'));
    assert.deepStrictEqual(claimsCommonName, []);
  });

  // review37a F6: the view was a blank pane with no flags, and Undo showed with nothing to undo.
  it('the Feature Toggles view has welcome text for each empty state, and Undo only while there is a change to undo', () => {
    const welcome = (manifest.contributes.viewsWelcome as { view: string; contents: string; when: string }[]).filter((v) => v.view === 'gearshift.flags');
    assert.deepStrictEqual(welcome.map((v) => v.when), ['gearshift.flagsViewState == noFiles', 'gearshift.flagsViewState == noFlags', 'gearshift.flagsViewState == problems']);
    assert.match(welcome[1].contents, /\[Add Feature Toggle\]\(command:gearshift\.addFeatureToggle\)/);
    // rereview37 F5: the view says why a flags.json is not read, in the words `gearshift flags list` uses.
    assert.ok(welcome[0].contents.includes(UNDECLARED_RULE), welcome[0].contents);
    const src = fs.readFileSync(path.join(root, 'src', 'vscode', 'flags', 'flagsContextKeys.ts'), 'utf8');
    assert.match(src, /FLAGS_VIEW_STATE_KEY = 'gearshift\.flagsViewState'/);
    assert.match(src, /CAN_UNDO_TOGGLE_KEY = 'gearshift\.canUndoToggle'/);
    const title = (manifest.contributes.menus as Record<string, { command: string; when?: string }[]>)['view/title'];
    assert.strictEqual(title.find((m) => m.command === 'gearshift.undoToggle')?.when, 'view == gearshift.flags && gearshift.canUndoToggle');
  });

  // rereview37 F13: a click on an environment row opens the file (fixflags37), and VS Code gives a row's
  // inline buttons no keyboard focus: the context menu (Shift+F10, the menu key) is the keyboard's way to toggle.
  it('Toggle Feature… is in an environment row\'s context menu as well as its inline button', () => {
    const item = (manifest.contributes.menus as Record<string, { command: string; when?: string; group?: string }[]>)['view/item/context'];
    const toggles = item.filter((m) => m.command === 'gearshift.toggleFeature' && m.when === 'view == gearshift.flags && viewItem == gearshiftFlagEnvironment');
    assert.deepStrictEqual(toggles.map((m) => m.group).sort(), ['1_flag@0', 'inline']);
  });
});
