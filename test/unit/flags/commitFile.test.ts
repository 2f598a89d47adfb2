import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commitFlagsFiles, uncommittedFlagsFiles } from '../../../src/core/flags';
import { git } from '../../support/git';
import { pipeline, Workspaces } from '../../support/workspaces';

/** review22 H3: the kill switch's "Commit and Run Stage" commits the flags file and nothing else, with data kept out of any shell or option. */
describe('flags: committing only the flags file (real git)', function () {
  this.timeout(30_000);
  const ws = new Workspaces();
  afterEach(() => ws.cleanup());

  // review23 L3: staged, then edited back to HEAD's (`MM`): nothing to commit, and HEAD already ships the working copy's value.
  it('a flags file whose working copy equals HEAD\'s is not uncommitted, whatever the index holds; an edit is', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'true' }]));
    const flags = path.join(repo, 'flags.json');
    fs.writeFileSync(flags, '{ "flags": { "a": 1 } }\n');
    git(repo, 'add', 'flags.json');
    git(repo, 'commit', '-qm', 'flags');
    fs.writeFileSync(flags, '{ "flags": { "a": 2 } }\n');
    assert.deepStrictEqual(await uncommittedFlagsFiles(repo, [flags]), [flags], 'an edit differs');
    git(repo, 'add', 'flags.json');
    fs.writeFileSync(flags, '{ "flags": { "a": 1 } }\n');
    assert.match(git(repo, 'status', '--porcelain', '--', 'flags.json'), /^MM flags\.json/);
    assert.deepStrictEqual(await uncommittedFlagsFiles(repo, [flags]), [], 'the working copy is HEAD\'s: a clean run ships it as it is');
  });

  it('commits that file only: another staged file stays staged, another edit stays unstaged; the message is literal text', async () => {
    const repo = ws.repo(pipeline([{ name: 'A', run: 'true' }]));
    const flags = path.join(repo, 'flags[1].json'); // glob characters: a literal pathspec
    fs.writeFileSync(flags, '{ "flags": {} }\n');
    fs.writeFileSync(path.join(repo, 'flags1.json'), 'matched by the glob, never committed\n');
    fs.writeFileSync(path.join(repo, 'staged.txt'), 'staged\n');
    git(repo, 'add', 'staged.txt');
    fs.appendFileSync(path.join(repo, '.gearshift.yml'), '# an edit in progress\n');
    const head = git(repo, 'rev-parse', 'HEAD');
    assert.deepStrictEqual(await uncommittedFlagsFiles(repo, [flags]), [flags], 'not tracked yet: differs from HEAD');

    const message = 'Kill switch: $(touch pwned) off\n\n--amend `id`';
    const sha = await commitFlagsFiles(repo, [flags], message);
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD^'), head);
    assert.strictEqual(git(repo, 'rev-parse', 'HEAD'), sha);
    assert.deepStrictEqual(git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n'), ['flags[1].json']);
    assert.strictEqual(git(repo, 'log', '-1', '--format=%B'), message);
    assert.deepStrictEqual(git(repo, 'diff', '--cached', '--name-only').split('\n'), ['staged.txt']);
    assert.deepStrictEqual(git(repo, 'diff', '--name-only').split('\n'), ['.gearshift.yml']);
    assert.ok(!fs.existsSync(path.join(repo, 'pwned')));
    assert.deepStrictEqual(await uncommittedFlagsFiles(repo, [flags]), []);

    fs.writeFileSync(flags, '{ "flags": { "x": { "state": "DISABLED", "variants": { "on": true }, "defaultVariant": "on" } } }\n');
    assert.deepStrictEqual(await uncommittedFlagsFiles(repo, [flags]), [flags]);
    await commitFlagsFiles(repo, [flags], 'second');
    assert.deepStrictEqual(git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n'), ['flags[1].json']);
  });

});
