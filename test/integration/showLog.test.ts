import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, waitFor } from './helpers';

/** The Output panel's text model for Gearshift's channel (scheme `output`, named after the channel). */
const gearshiftOutput = (): vscode.TextDocument | undefined =>
  vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && /Gearshift/.test(decodeURIComponent(d.uri.toString())));

describe('Show Log command', () => {
  it('Gearshift: Show Extension Log reveals the Gearshift Output channel (review37a F14)', async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('gearshift.showLog');
    const doc = await waitFor('the Gearshift Output channel shown', gearshiftOutput);
    assert.strictEqual(doc.uri.scheme, 'output');
  });
});
