import * as assert from 'node:assert';
import { parse } from 'yaml';
import { renderTemplate } from '../../../src/core/config/template';
import { isStarterTodo as isStarterTodoCommand } from '../../../src/core/config';
import { starterTodoMessage } from '../../../src/core/redgreen';

describe('starter TODO stages (review26 F3)', () => {
  it('every TODO command the starter template writes is one; a real command, or one that only mentions TODO, is not', () => {
    const runs = (parse(renderTemplate({})) as { stages: { run: string }[] }).stages.map((s) => s.run);
    assert.ok(runs.length >= 5, String(runs.length));
    for (const run of runs) { assert.ok(isStarterTodoCommand(run), run); }
    assert.ok(!isStarterTodoCommand('npm test'));
    assert.ok(!isStarterTodoCommand('echo "TODO: put tests here" && exit 1 || ./deploy.sh'));
    assert.ok(!isStarterTodoCommand('grep -r TODO src && exit 1'));
    // One that expands something runs it (review30 L5: it would skip the production question).
    for (const run of ['echo "TODO: put $(./deploy.sh) here" && exit 1', 'echo "TODO: put `./deploy.sh` here" && exit 1', 'echo "TODO: put \\$HOME here" && exit 1']) {
      assert.ok(!isStarterTodoCommand(run), run);
    }
  });

  it('says to replace the TODO command, and neither fix nor revert', () => {
    const text = starterTodoMessage('qs', { kind: 'starterTodo', stage: 'Provision Non-Prod' });
    assert.match(text, /^qs: The pipeline is red: Provision Non-Prod still runs the starter's TODO command/);
    assert.match(text, /Replace the TODO command in \.gearshift\.yml/);
    assert.doesNotMatch(text, /revert|Fix it/i);
  });
});
