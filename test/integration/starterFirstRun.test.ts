import * as assert from 'assert';
import * as vscode from 'vscode';
import { renderTemplate } from '../../src/core/config';
import type { RunRecord } from '../../src/core/pipeline/types';
import { patchWindow, usePipeline, workspaceFolder } from './helpers';

/**
 * review41 F3: Create Pipeline filled Deploy Prod from a Makefile's `deploy` target and left the stages between
 * as TODOs; the first ▶ asked "Deploy … to production?" (Run and Deploy / Cancel) for a run that Provision
 * Non-Prod's TODO stops three stages before production. It runs without the question and stops at the TODO.
 */
describe('the starter\'s first Run Pipeline', () => {
  it('asks no production question while a TODO stage before production stops the run there', async () => {
    const restore = usePipeline(renderTemplate({
      unit: { run: 'echo unit tests', from: 'package.json' },
      build: { run: 'echo build', from: 'package.json' },
      deployProd: { run: 'echo deploying to production', from: 'Makefile' },
    }));
    const modals: string[] = [];
    const unpatch = patchWindow({
      showWarningMessage: (message: string, options?: { modal?: boolean }) => {
        if (options?.modal === true) { modals.push(message); }
        return Promise.resolve(undefined); // Cancel, and no button on a notice
      },
    });
    try {
      const run = await vscode.commands.executeCommand<RunRecord | undefined>('gearshift.runPipeline', workspaceFolder());
      assert.deepStrictEqual(modals, [], 'no modal question before the run');
      assert.ok(run, 'the run did not start');
      const state = (name: string): string | undefined => run.stages.find((s) => s.name === name)?.state;
      assert.deepStrictEqual([run.state, state('Build Artifacts'), state('Provision Non-Prod'), state('Deploy Prod')], ['red', 'passed', 'failed', 'skipped']);
    } finally {
      unpatch();
      restore();
    }
  });
});
