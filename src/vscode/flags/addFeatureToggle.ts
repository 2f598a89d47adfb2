import * as vscode from 'vscode';
import { addToggle, flagKeyProblem } from '../../core/flags';
import { warnWithDocs } from '../docs/warnWithDocs';
import type { FlagsModel } from './flagsModel';
import { applyChanges, tellOutcome } from './flagPicks';

/** `gearshift.addFeatureToggle`: a boolean flag, off, with metadata.createdAt, in every flags file of the first folder. */
export function registerAddFeatureToggle(model: FlagsModel): vscode.Disposable {
  return vscode.commands.registerCommand('gearshift.addFeatureToggle', async (keyArg?: unknown) => {
    await model.refresh();
    const folder = model.all.find((f) => f.listing.files.length > 0);
    if (!folder) { void warnWithDocs('No flags file here: create flags.json in flagd\'s format first (Open Docs shows how).', 'flags.md'); return undefined; }
    const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({
      prompt: 'Key of the new feature toggle (boolean, off everywhere)', placeHolder: 'new-checkout',
      validateInput: (v) => { const p = flagKeyProblem(v); return p ? `The key ${p}` : undefined; },
    });
    if (key === undefined) { return undefined; }
    const now = new Date();
    const files = folder.listing.files.filter((x) => !x.error);
    const outcomes = await applyChanges(model, folder, 'add a feature toggle', files.map((f) => (who: string) => addToggle(folder.ctx, key, { env: f.ref.environment, who, now })));
    // One notification for every file ("added beta-search (off) to flags.json and flags.production.json").
    if (outcomes.length > 0) { tellOutcome(folder, { file: outcomes[0].file, environment: outcomes[0].environment, changes: outcomes.flatMap((o) => o.changes) }); }
    return outcomes.length === files.length ? outcomes[outcomes.length - 1] : undefined;
  });
}
