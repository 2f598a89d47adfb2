import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { zipEntries, type ZipEntry } from '../support/zipEntries';

const root = path.resolve(__dirname, '..', '..', '..');
const VSIX = path.join(root, 'gearshift.vsix');

/** `[text](target)` and `![alt](target)` outside code, as Markdown renders them. */
function links(markdown: string): { image: boolean; target: string }[] {
  const prose = markdown.replace(/^\s*```[\s\S]*?^\s*```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ image: m[1] === '!', target: m[2] }));
}

const relative = (target: string): boolean => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#');

/** VS Code's heading ids (lower case, spaces to dashes, punctuation dropped), enough for our headings. */
const headingIds = (markdown: string): string[] => [...markdown.matchAll(/^#{1,6} (.+)$/gm)]
  .map((m) => m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s+/g, '-'));

/**
 * The docs inside the .vsix (F9 of the first-hour review): Extensions → Gearshift → Details shows
 * extension/readme.md, where VS Code drops every relative link and image; Gearshift: Open
 * Documentation shows extension/dist/docs in the Markdown preview, where they resolve.
 */
describe('the docs in the .vsix', function () {
  let files: Map<string, ZipEntry>;
  before(function () {
    if (!fs.existsSync(VSIX)) { this.skip(); }
    files = zipEntries(VSIX);
  });
  const text = (name: string): string => files.get(name)?.data.toString('utf8') ?? assert.fail(`${name} is not in the .vsix`);

  it('gives the Details page a README with no relative link or image, whose anchors name its headings', () => {
    const readme = text('extension/readme.md');
    const found = links(readme);
    assert.deepStrictEqual(found.filter((l) => relative(l.target)).map((l) => l.target), [], 'relative links VS Code would drop');
    const ids = headingIds(readme);
    for (const anchor of found.filter((l) => l.target.startsWith('#'))) {
      assert.ok(ids.includes(anchor.target.slice(1)), `${anchor.target} names no heading (${ids.join(', ')})`);
    }
    assert.match(readme, /Gearshift: Open Documentation/, 'the Details page says how to open the installed docs');
    // A second README differing only in case would overwrite it when VS Code unpacks on macOS or Windows.
    assert.deepStrictEqual([...files.keys()].filter((f) => /^extension\/readme\.md$/i.test(f)), ['extension/readme.md']);
  });

  it('ships README, the user pages and the screenshots they show, every relative link resolving inside the package', () => {
    const pages = [...files.keys()].filter((f) => /^extension\/dist\/docs\/[^/]+\.md$/.test(f));
    const userPages = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md') && !['README.md', 'benchmarks.md', 'benchmarks-journal.md', 'development.md'].includes(f));
    for (const page of [...userPages, 'README.md', 'index.md']) { assert.ok(pages.includes(`extension/dist/docs/${page}`), `docs page ${page} is not in the .vsix`); }
    const images = new Set<string>();
    for (const page of pages) {
      for (const { image, target } of links(text(page)).filter((l) => relative(l.target))) {
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page), target.split('#')[0]));
        assert.ok(files.has(resolved), `${page} links ${target}: ${resolved} is not in the .vsix`);
        // The Markdown preview loads images only from the page's own folder.
        if (image) { assert.ok(resolved.startsWith('extension/dist/docs/'), `${page} shows ${target}, outside its folder`); images.add(resolved); }
      }
    }
    const readmeShots = links(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).filter((l) => l.image).map((l) => path.posix.basename(l.target));
    assert.ok(readmeShots.length >= 3);
    for (const shot of readmeShots) { assert.ok(images.has(`extension/dist/docs/screenshots/${shot}`), `README's ${shot} is not shown from the .vsix`); }
    for (const page of ['benchmarks.md', 'benchmarks-journal.md', 'development.md']) { assert.ok(!files.has(`extension/dist/docs/${page}`), `developer page ${page} ships`); }
  });

  it('has an icon: a 128×128 PNG named by package.json', () => {
    const manifest = JSON.parse(text('extension/package.json')) as { icon?: string };
    assert.strictEqual(manifest.icon, 'media/icon.png');
    const png = files.get(`extension/${manifest.icon}`)?.data ?? assert.fail('the icon is not in the .vsix');
    assert.strictEqual(png.toString('latin1', 1, 4), 'PNG');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});
