// @ts-check
'use strict';
/**
 * The link rewriting of the shipped docs (PackageDocsPlugin in webpack.config.js), text in, text
 * out: no disk, so the unit tier tests it. Build-time only: nothing under src/ requires it.
 */
const path = require('path');

const REFERENCE = 'reference'; // README's "## Reference" heading: VS Code gives it id="reference"

/**
 * Calls `edit(part, line)` on each part of a line outside fenced code blocks and `code` spans
 * (`line`: its index). Over a whole text, so a fence's state carries from line to line.
 * @param {string} text @param {(part: string, line: number) => string} edit
 */
function mapProse(text, edit) {
  let fenced = false;
  return text.split('\n').map((line, n) => {
    if (/^\s*```/.test(line)) { fenced = !fenced; return line; }
    if (fenced) { return line; }
    return line.split(/(`[^`]*`)/).map((part, i) => (i % 2 === 1 ? part : edit(part, n))).join('');
  }).join('\n');
}

/**
 * Rewrites every relative `[text](target)` and `![alt](target)` outside code: `rewrite` returns the replacement.
 * @param {string} text
 * @param {(link: { image: boolean, label: string, file: string, fragment: string | undefined, line: number }) => string} rewrite
 */
function rewriteLinks(text, rewrite) {
  return mapProse(text, (prose, line) => prose.replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, bang, label, target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) { return whole; }
    const [file, fragment] = target.split('#');
    return rewrite({ image: bang === '!', label, file, fragment, line });
  }));
}

/** A link to a page that does not ship: its text, and where it is. @param {string} label @param {string} repoPath */
function notShipped(label, repoPath) {
  return repoPath.startsWith('docs/') ? `${label} (${repoPath} in Gearshift's repository)` : label;
}

/** A link's target as a repository path (`./docs/x.md`, `docs/../docs/x.md` → `docs/x.md`). @param {string} repoFile @param {string} file */
function repoPathOf(repoFile, file) {
  return path.posix.normalize(path.posix.join(path.posix.dirname(repoFile), file));
}

/**
 * One shipped page: links point at the shipped copies, or become text when there is none.
 * @param {string} repoFile @param {string} text @param {Map<string, string>} shipped repo path → dist path
 * @param {Set<string>} screenshots filled with the screenshots the page shows (repo paths)
 */
function forPreview(repoFile, text, shipped, screenshots) {
  const from = path.posix.dirname(/** @type {string} */ (shipped.get(repoFile)));
  return rewriteLinks(text, ({ image, label, file, fragment }) => {
    const repoPath = repoPathOf(repoFile, file);
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

/** For each line of a text, whether it lies in the `## Reference` section (headings in fenced blocks are not headings). @param {string} text */
function referenceLines(text) {
  let fenced = false;
  let inReference = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) { fenced = !fenced; }
    if (!fenced && /^## /.test(line)) { inReference = line.trim() === '## Reference'; }
    return inReference;
  });
}

/**
 * README for the Details page: no images (none can load there), docs links to the Reference section.
 * @param {string} readme README.md's text @param {Map<string, string>} shipped repo path → dist path
 */
function forDetailsPage(readme, shipped) {
  const inReference = referenceLines(readme);
  const text = rewriteLinks(readme, ({ image, label, file, line }) => {
    if (image) { return ''; }
    const repoPath = repoPathOf('README.md', file);
    if (!shipped.has(repoPath)) { return notShipped(label, repoPath); }
    return inReference[line] ? label : `[${label}](#${REFERENCE})`;
  });
  const note = 'These pages are installed with Gearshift. To read them in VS Code, with their screenshots and '
    + 'links, run **Gearshift: Open Documentation** from the Command Palette.';
  // After the real heading (the first line of the section), not a "## Reference" in a fenced example.
  const lines = text.split('\n');
  const heading = inReference.indexOf(true);
  if (heading >= 0) { lines.splice(heading + 1, 0, '', note); }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

module.exports = { forPreview, forDetailsPage };
