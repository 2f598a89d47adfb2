import * as assert from 'node:assert';
import {
  envSecretSource, missingSecretsMessage, parseReferences, resolveSecrets, secretNameProblem, secretValueProblem, substitute, withPlaceholders,
} from '../../../src/core/secrets';

describe('secrets: reference syntax and resolving', () => {
  it('finds `${{ secrets.NAME }}` with or without inner spaces, several per value', () => {
    const v = 'Bearer ${{ secrets.API_TOKEN }}:${{secrets.other_1}}';
    const { references, problems } = parseReferences(v);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(references.map((r) => [r.name, v.slice(r.start, r.end)]), [
      ['API_TOKEN', '${{ secrets.API_TOKEN }}'], ['other_1', '${{secrets.other_1}}'],
    ]);
  });

  const bad: Array<[string, RegExp]> = [
    ['${{ secret.X }}', /unknown context `secret`: did you mean `\$\{\{ secrets\.X \}\}`/],
    ['${{ env.HOME }}', /`\$\{\{ env\.HOME \}\}` is not supported: only `\$\{\{ secrets\.NAME \}\}`.*\$HOME/],
    ['${{ secrets.9X }}', /secret name "9X" is not valid/],
    ['${{ secrets.A-B }}', /secret name "A-B" is not valid/],
    ['${{ secrets }}', /needs a name/],
    ['${{ github.token }}', /the only form is `\$\{\{ secrets\.NAME \}\}`/],
    ['x ${{ secrets.A', /never closed/],
  ];
  for (const [value, message] of bad) {
    it(`refuses ${JSON.stringify(value)} precisely`, () => {
      const { problems, references } = parseReferences(value);
      assert.strictEqual(references.length, 0);
      assert.strictEqual(problems.length, 1);
      assert.match(problems[0].message, message);
      assert.strictEqual(value.slice(problems[0].start, problems[0].start + 3), '${{');
    });
  }

  it('substitutes values, and throws rather than give a process an empty string', () => {
    const values = new Map([['A', 'alpha-value'], ['B', 'beta']]);
    assert.strictEqual(substitute('x=${{ secrets.A }}/${{ secrets.B }}', values), 'x=alpha-value/beta');
    assert.strictEqual(substitute('no reference', values), 'no reference');
    assert.throws(() => substitute('${{ secrets.C }}', values), /secret C is not set/);
    assert.throws(() => substitute('${{ secrets.E }}', new Map([['E', '']])), /secret E is not set/);
    assert.strictEqual(withPlaceholders('https://h.example/${{ secrets.T }}'), 'https://h.example/secret');
  });

  it('refuses values under 4 characters (trimmed) and names that are no variable name', () => {
    assert.match(secretValueProblem('abc') ?? '', /at least 4 characters/);
    assert.match(secretValueProblem('  ab  ') ?? '', /at least 4 characters/);
    assert.match(secretValueProblem('ab\0cd') ?? '', /NUL/);
    assert.strictEqual(secretValueProblem('abcd'), undefined);
    assert.strictEqual(secretNameProblem('DEPLOY_TOKEN'), undefined);
    assert.ok(secretNameProblem('1X'));
    assert.ok(secretNameProblem('A B'));
  });

  it('resolves from GEARSHIFT_SECRET_<NAME>; unset or empty ones are missing, named with their variable', async () => {
    const source = envSecretSource({ GEARSHIFT_SECRET_A: 'alpha-value', GEARSHIFT_SECRET_E: '' });
    const ok = await resolveSecrets(['A', 'A'], source);
    assert.ok(ok.ok && ok.secrets.values.get('A') === 'alpha-value');
    const missing = await resolveSecrets(['A', 'Z', 'E'], source);
    assert.deepStrictEqual(missing.ok ? [] : missing.missing, ['E', 'Z']);
    assert.match(missingSecretsMessage(['E', 'Z'], 'cli'), /GEARSHIFT_SECRET_E, GEARSHIFT_SECRET_Z/);
    assert.match(missingSecretsMessage(['Z'], 'editor'), /Set Secret/);
  });

  it('a switch or rollback refused for a deploy.env secret: what was refused, how to set it each way, and which slot is still live', () => {
    assert.equal(missingSecretsMessage(['LB'], 'editor', { action: 'switch', live: 'blue' }),
      'cannot switch: secret not set: LB, which the switch script\'s env (deploy.env) needs; set it with Gearshift: Set Secret…, then switch again. The switch script did not run and nothing was changed: blue is still live');
    assert.equal(missingSecretsMessage(['A', 'B'], 'cli', { live: 'green' }),
      'cannot roll back: secrets not set: A, B, which the switch script\'s env (deploy.env) needs; set GEARSHIFT_SECRET_A, GEARSHIFT_SECRET_B in the environment, then roll back again. The switch script did not run and nothing was changed: green is still live');
    assert.match(missingSecretsMessage(['A'], 'any', { action: 'roll back' }), /set it with Gearshift: Set Secret… \(CLI: GEARSHIFT_SECRET_A\), then roll back again\. .*nothing was changed$/);
  });
});
