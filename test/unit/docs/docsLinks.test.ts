import * as assert from 'node:assert/strict';
import * as path from 'node:path';

/** build/docsLinks.js (plain JS, build-time only: PackageDocsPlugin in webpack.config.js requires it). */
interface DocsLinks {
  forPreview(repoFile: string, text: string, shipped: Map<string, string>, screenshots: Set<string>): string;
  forDetailsPage(readme: string, shipped: Map<string, string>): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forDetailsPage, forPreview } = require(path.resolve(__dirname, '..', '..', '..', '..', 'build', 'docsLinks.js')) as DocsLinks;

const shipped = new Map([['README.md', 'dist/docs/README.md'], ['docs/README.md', 'dist/docs/index.md'], ['docs/cli.md', 'dist/docs/cli.md']]);

/**
 * rereview36 R5: the Details page's README was rewritten line by line, so a fenced example's link
 * was rewritten (the fence's state lost), and `./docs/cli.md` was not normalised (it became text
 * where the preview pages link it).
 */
describe('shipped docs: the links of the Details page and the preview pages', () => {
  const readme = [
    '# Gearshift', '',
    'See [the CLI](./docs/cli.md) and [again](docs/../docs/cli.md).', '',
    '```markdown', 'An example: [x](docs/cli.md)', '## Reference', '```', '',
    'After the fence: [CLI](docs/cli.md).', '',
    '## Reference', '',
    '- [CLI](docs/cli.md)', '- [benchmarks](docs/benchmarks.md)', '',
  ].join('\n');

  it('the Details page: ./docs/x.md is a shipped page, a fenced example is left as written, the section is known past a fence', () => {
    const page = forDetailsPage(readme, shipped);
    assert.match(page, /See \[the CLI\]\(#reference\) and \[again\]\(#reference\)\./);
    assert.match(page, /An example: \[x\]\(docs\/cli\.md\)\n## Reference\n```/, 'inside the fence: untouched');
    assert.match(page, /After the fence: \[CLI\]\(#reference\)\./, 'a "## Reference" inside a fence does not start the section');
    assert.match(page, /\n## Reference\n\nThese pages are installed with Gearshift\./, 'the note follows the real heading');
    assert.match(page, /- CLI\n- benchmarks \(docs\/benchmarks\.md in Gearshift's repository\)/);
  });

  it('the preview page: the same links resolve to the shipped copy; the fenced example stays', () => {
    const page = forPreview('README.md', readme, shipped, new Set());
    assert.match(page, /See \[the CLI\]\(cli\.md\) and \[again\]\(cli\.md\)\./);
    assert.match(page, /An example: \[x\]\(docs\/cli\.md\)/);
  });
});
