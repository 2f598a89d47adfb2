import * as assert from 'node:assert';
import { RED_ACTION_LABELS, redAdvice, redCauseOf, starterTodoMessage, starterTodoStages, starterTodoText } from '../../../src/core/redgreen';
import { STARTER_TODO, STARTER_TODO_END } from '../../../src/core/config/starterTodo';

const labels = (actions: readonly (keyof typeof RED_ACTION_LABELS)[]): string[] => actions.map((a) => RED_ACTION_LABELS[a]);

/** The one red advice every red notification shows (went red, reminders, deploy commands, production alerts). */
describe('red advice', () => {
  it('a failure: fix it or revert it, with Show Log, Re-run From Failed Stage and Revert Last Commit…', () => {
    const a = redAdvice(redCauseOf({}));
    assert.strictEqual(a.text, 'The pipeline is red: fix it or revert it before anything else.');
    assert.deepStrictEqual(labels(a.actions), ['Show Log', 'Re-run From Failed Stage', 'Revert Last Commit…']);
  });

  it('a production alert whose release is still live: red until a green run, Roll Back first, no re-run', () => {
    const a = redAdvice(redCauseOf({ alert: true }));
    assert.strictEqual(a.text, 'The pipeline is red until a green run: roll back first, then fix it or revert it.');
    assert.deepStrictEqual(labels(a.actions), ['Roll Back', 'Show Log', 'Revert Last Commit…']);
  });

  it('a production alert that was rolled back: red until a green run, no Roll Back, Run Pipeline for the fix and no re-run no stage fixes (walkedit33 M1)', () => {
    const a = redAdvice(redCauseOf({ alert: true, rollback: true }));
    assert.strictEqual(a.text, 'The pipeline is red until a green run: fix it or revert it, then run the pipeline.');
    assert.deepStrictEqual(labels(a.actions), ['Show Log', 'Run Pipeline', 'Revert Last Commit…']);
  });

  it('a starter TODO stage wins over the rest: replace the command, Open .gearshift.yml first, neither fix nor revert', () => {
    const a = redAdvice(redCauseOf({ alert: true }, { kind: 'starterTodo', stage: 'Deploy Prod' }));
    assert.strictEqual(a.text, "The pipeline is red: Deploy Prod still runs the starter's TODO command, which fails on purpose. Replace the TODO command in .gearshift.yml with your real command. "
      + 'Nothing to run there yet (no test environment, no production)? Delete or comment out the TODO stage Deploy Prod, and add it back when you have somewhere to run it.');
    assert.deepStrictEqual(labels(a.actions), ['Open .gearshift.yml', 'Show Log']);
    assert.doesNotMatch(a.text, /revert|fix it/i);
    assert.strictEqual(starterTodoMessage('shop', { kind: 'starterTodo', stage: 'Deploy Prod' }), `shop: ${a.text}`);
  });

  it('a starter TODO red names every TODO stage to delete or comment out when there is nothing to run there yet (firsthour34 F11)', () => {
    const todo = ['Provision Non-Prod', 'Deploy Non-Prod', 'Acceptance Test', 'Provision Prod', 'Deploy Prod', 'Monitoring'].map((name) => ({ name }));
    const cause = { kind: 'starterTodo', stage: 'Provision Non-Prod', todoStages: todo } as const;
    const a = redAdvice(redCauseOf({}, cause));
    assert.match(a.text, /^The pipeline is red: Provision Non-Prod still runs the starter's TODO command, which fails on purpose\. Replace the TODO command in \.gearshift\.yml with your real command\. /);
    assert.ok(a.text.endsWith('Nothing to run there yet (no test environment, no production)? Delete or comment out the TODO stages '
      + '(Provision Non-Prod, Deploy Non-Prod, Acceptance Test, Provision Prod, Deploy Prod, Monitoring), and add them back when you have somewhere to run them.'), a.text);
    assert.deepStrictEqual(labels(a.actions), ['Open .gearshift.yml', 'Show Log']);
    assert.strictEqual(starterTodoMessage('', cause), a.text);
    assert.deepStrictEqual(starterTodoStages({ stages: [{ name: 'Unit', run: 'npm test' }, { name: 'Deploy', run: `${STARTER_TODO}deploy${STARTER_TODO_END}` }] as never }), ['Deploy']);
  });

  it('a starter TODO red names the file and the line of the failed stage\'s command when known, as the CLI shows it', () => {
    const a = redAdvice({ kind: 'starterTodo', stage: 'Deploy', todoStages: [{ name: 'Provision', line: 4 }, { name: 'Deploy', line: 9 }], file: 'app/.gearshift.yml' });
    assert.match(a.text, /^The pipeline is red: Deploy still runs the starter's TODO command, which fails on purpose\. Replace the TODO command in app\/\.gearshift\.yml:9 with your real command\. /);
    assert.match(a.text, /Delete or comment out the TODO stages \(Provision, Deploy\), and add them back/);
    assert.strictEqual(a.text, `The pipeline is red: ${starterTodoText({ kind: 'starterTodo', stage: 'Deploy', todoStages: [{ name: 'Provision', line: 4 }, { name: 'Deploy', line: 9 }], file: 'app/.gearshift.yml' })}`);
  });

  it('a stage name is data: control characters cannot forge a second line', () => {
    const a = redAdvice({ kind: 'starterTodo', stage: 'Build\nThe pipeline is green' });
    assert.doesNotMatch(a.text, /\n/);
  });
});
