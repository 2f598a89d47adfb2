// Writes the docs that ship inside the .vsix (run by `npm run build`, after webpack cleans dist/):
//   dist/readme.md       the Details page of Extensions → Gearshift (vsce --readme-path)
//   dist/docs/*.md       README.md and the user docs, opened by Gearshift: Open Documentation
//   dist/docs/screenshots/*.png   the screenshots those pages show
// Why two versions: VS Code's Details page strips every relative link and image (its sanitizer
// allows only http/https links and images, and its CSP only https images), so there the docs
// links point at the Reference section, which says how to open them. The Markdown preview
// resolves relative links, and loads images only from the page's own folder: so the pages and
// their screenshots sit together in dist/docs. Pages for developers (benchmarks, development)
// stay in the repository; a link to them becomes its text and where to find it.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'dist', 'docs');
const DEVELOPER_PAGES = new Set(['docs/benchmarks.md', 'docs/development.md']);
const REFERENCE = 'reference'; // README's "## Reference" heading: VS Code gives it id="reference"

/** Where each shipped repo file lands in the package (repo path → dist path). */
function shippedFiles() {
  const map = new Map([['README.md', 'dist/docs/README.md'], ['docs/README.md', 'dist/docs/index.md']]);
  for (const f of fs.readdirSync(path.join(root, 'docs'))) {
    const page = `docs/${f}`;
    if (f.endsWith('.md') && f !== 'README.md' && !DEVELOPER_PAGES.has(page)) { map.set(page, `dist/docs/${f}`); }
  }
  return map;
}

/** Calls `edit(line)` on each line outside fenced code blocks, and on each part outside `code` spans. */
function mapProse(text, edit) {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) { fenced = !fenced; return line; }
    if (fenced) { return line; }
    return line.split(/(`[^`]*`)/).map((part, i) => (i % 2 === 1 ? part : edit(part))).join('');
  }).join('\n');
}

/** Rewrites every `[text](target)` and `![alt](target)`: `rewrite` returns the replacement. */
function rewriteLinks(text, rewrite) {
  return mapProse(text, (prose) => prose.replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, bang, label, target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) { return whole; }
    const [file, fragment] = target.split('#');
    return rewrite({ image: bang === '!', label, file, fragment });
  }));
}

/** A link to a page that does not ship: its text, and where it is. */
function notShipped(label, repoPath) {
  return repoPath.startsWith('docs/') ? `${label} (${repoPath} in Gearshift's repository)` : label;
}

/** One shipped page: links point at the shipped copies, or become text when there is none. */
function forPreview(repoFile, shipped, screenshots) {
  const from = path.posix.dirname(shipped.get(repoFile));
  return rewriteLinks(fs.readFileSync(path.join(root, repoFile), 'utf8'), ({ image, label, file, fragment }) => {
    const repoPath = path.posix.normalize(path.posix.join(path.posix.dirname(repoFile), file));
    let to = shipped.get(repoPath);
    if (image && repoPath.startsWith('media/screenshots/')) {
      to = `dist/docs/screenshots/${path.posix.basename(repoPath)}`;
      screenshots.add(repoPath);
    }
    if (!to) { return notShipped(label, repoPath); }
    const rel = path.posix.relative(from, to) + (fragment ? `#${fragment}` : '');
    return `${image ? '!' : ''}[${label}](${rel})`;
  });
}

/** README for the Details page: no images (none can load there), docs links to the Reference section. */
function forDetailsPage(shipped) {
  let inReference = false;
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').map((line) => {
    if (/^## /.test(line)) { inReference = line.trim() === '## Reference'; }
    return rewriteLinks(line, ({ image, label, file }) => {
      if (image) { return ''; }
      if (!shipped.has(file)) { return notShipped(label, file); }
      return inReference ? label : `[${label}](#${REFERENCE})`;
    });
  }).join('\n');
  const note = 'These pages are installed with Gearshift. To read them in VS Code, with their screenshots and '
    + 'links, run **Gearshift: Open Documentation** from the Command Palette.';
  return text.replace(/\n{3,}/g, '\n\n').replace(/^## Reference\n/m, `## Reference\n\n${note}\n`);
}

function main() {
  const shipped = shippedFiles();
  const screenshots = new Set();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'screenshots'), { recursive: true });
  for (const [repoFile, distFile] of shipped) {
    fs.writeFileSync(path.join(root, distFile), forPreview(repoFile, shipped, screenshots));
  }
  for (const shot of screenshots) { fs.copyFileSync(path.join(root, shot), path.join(OUT, 'screenshots', path.posix.basename(shot))); }
  fs.writeFileSync(path.join(root, 'dist', 'readme.md'), forDetailsPage(shipped));
}

main();
