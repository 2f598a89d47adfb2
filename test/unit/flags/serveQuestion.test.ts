import * as assert from 'node:assert';
import { ALL_ENVIRONMENTS, serveInProductionQuestion } from '../../../src/core/flags';

/** One question for the CLI and the editor (review32 L7): the flag, the value, production, the file; the detail says when it ships. */
describe('flags: the production question for a flag change', () => {
  const NEVER = ' Turning it off again is never asked.';

  it('the one flags file: key, value, the file written; production serves it once committed and deployed', () => {
    assert.deepStrictEqual(serveInProductionQuestion({ key: 'new-checkout', served: 'on', environment: ALL_ENVIRONMENTS, file: 'flags.json' }), {
      question: 'Serve new-checkout as "on" in production (writes flags.json)?',
      detail: `Production reads flags.json (every environment does) and serves the change once it is committed and deployed.${NEVER}`,
    });
  });

  it('an undo says so; production\'s own file is not "every environment"', () => {
    assert.deepStrictEqual(serveInProductionQuestion({ key: 'header-color', served: 'blue', environment: 'production', file: 'config/flags.production.json', undo: true }), {
      question: 'Undo: serve header-color as "blue" in production again (writes config/flags.production.json)?',
      detail: `Production reads config/flags.production.json and serves the change once it is committed and deployed.${NEVER}`,
    });
  });

  it('with flags.deployStage: once the stage runs; under checkout: clean, once the file is committed and it runs', () => {
    const facts = { key: 'a', served: 'on', environment: 'production', file: 'flags.production.json', deployStage: 'Deploy Flags' };
    assert.strictEqual(serveInProductionQuestion(facts).detail, `Production reads flags.production.json and serves the change once "Deploy Flags" runs.${NEVER}`);
    assert.strictEqual(serveInProductionQuestion({ ...facts, cleanCheckout: true }).detail, `Production reads flags.production.json and serves the change once it is committed and "Deploy Flags" runs.${NEVER}`);
  });

  it('undoing Turn Off for Everyone serves the value only where its targeting picks it: said, not "in production" to all (walkedit33 L3)', () => {
    assert.strictEqual(serveInProductionQuestion({ key: 'beta', served: 'on', environment: 'production', file: 'flags.production.json', undo: true, toSome: true }).question,
      'Undo: serve beta as "on" to the requests its targeting picks in production again (writes flags.production.json)?');
  });

  it('with several folders open (the editor) the question names the folder', () => {
    assert.strictEqual(serveInProductionQuestion({ key: 'a', served: 'on', environment: ALL_ENVIRONMENTS, file: 'flags.json', folder: 'api' }).question,
      'Serve a as "on" in production (writes flags.json in folder api)?');
  });

  it('a flag whose targeting decides says to whom: "on" where it picks, what the others get; "except" where it picks another value (review33 L6)', () => {
    const facts = { key: 'beta', served: 'on', environment: ALL_ENVIRONMENTS, file: 'flags.json' };
    assert.strictEqual(serveInProductionQuestion({ ...facts, toSome: true, others: ['off'], names: ['dev@example.com'] }).question,
      'Serve beta as "on" to the requests its targeting picks (dev@example.com), "off" to the others, in production (writes flags.json)?');
    assert.strictEqual(serveInProductionQuestion({ ...facts, toSome: true, others: [null], names: [] }).question,
      'Serve beta as "on" to the requests its targeting picks, the code default to the others, in production (writes flags.json)?');
    assert.strictEqual(serveInProductionQuestion({ ...facts, served: 'blue', others: ['yellow', 'red'] }).question,
      'Serve beta as "blue" in production (writes flags.json), except where its targeting picks "yellow" or "red"?');
    assert.strictEqual(serveInProductionQuestion({ ...facts, undo: true, others: ['off'] }).question,
      'Undo: serve beta as "on" in production again (writes flags.json), except where its targeting picks "off"?');
  });

  it('keys, variants, names, files, folder and stage are data: escaped on one line, never a second line or an escape sequence (review33 L2)', () => {
    const q = serveInProductionQuestion({
      key: 'a\nServe nothing', served: 'on\x1b[2J', environment: 'production', file: 'f\r.json', folder: 'api\u202e', deployStage: 'Ship\x07',
      toSome: true, others: ['off\n'], names: ['x\u009b'],
    });
    assert.strictEqual(q.question, 'Serve a\\x0aServe nothing as "on\\x1b[2J" to the requests its targeting picks (x\\x9b), "off\\x0a" to the others, in production (writes f\\x0d.json in folder api\\u202e)?');
    assert.strictEqual(q.detail, 'Production reads f\\x0d.json and serves the change once "Ship\\x07" runs. Turning it off again is never asked.');
  });
});
