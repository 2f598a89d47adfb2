import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPipeline } from '../../../src/core/config';
import { STARTER_TODO, STARTER_TODO_END } from '../../../src/core/config/starterTodo';
import { starterTodoCause, type TodoConfigSource } from '../../../src/core/redgreen';
import { pipeline, Workspaces } from '../../support/workspaces';

const todo = (what: string): string => `${STARTER_TODO}${what}${STARTER_TODO_END}`;

/** The one reading of "the red is the starter's TODO stage" both fronts use (cli/redNext.ts, vscode/redgreen/redAdvice.ts). */
describe('starterTodoCause: the red is the starter\'s TODO stage (real repository)', () => {
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  const source = (repo: string): TodoConfigSource => {
    const configFile = path.join(repo, '.gearshift.yml');
    return { configFile, validate: () => loadPipeline(configFile) };
  };

  it('names every TODO stage in file order with the line of its run: command, and the file as shown', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'true' }, { name: 'Provision', run: todo('provisioning') }, { name: 'Deploy', run: todo('deploy') }]));
    const lines = fs.readFileSync(path.join(repo, '.gearshift.yml'), 'utf8').split('\n');
    const lineOf = (what: string): number => lines.findIndex((l) => l.includes(`TODO: put ${what} here`)) + 1;
    const cause = await starterTodoCause(source(repo), 'Deploy');
    assert.deepStrictEqual(cause, {
      kind: 'starterTodo', stage: 'Deploy', file: '.gearshift.yml',
      todoStages: [{ name: 'Provision', line: lineOf('provisioning') }, { name: 'Deploy', line: lineOf('deploy') }],
    });
    assert.strictEqual((await starterTodoCause(source(repo), 'Provision', 'app/.gearshift.yml'))?.file, 'app/.gearshift.yml');
  });

  it('is undefined for a real command, no failed stage, or a config that cannot be read', async () => {
    const repo = ws.repo(pipeline([{ name: 'Unit', run: 'exit 1' }, { name: 'Deploy', run: todo('deploy') }]));
    assert.strictEqual(await starterTodoCause(source(repo), 'Unit'), undefined);
    assert.strictEqual(await starterTodoCause(source(repo), undefined), undefined);
    fs.writeFileSync(path.join(repo, '.gearshift.yml'), 'stages: [');
    assert.strictEqual(await starterTodoCause(source(repo), 'Deploy'), undefined);
  });
});
