import * as assert from 'assert';
import * as path from 'path';
import type { FlagRow } from '../../../src/core/flags';

/** Just enough of `vscode` for hoverText: a MarkdownString that keeps what was appended. */
class MarkdownString {
  value = '';
  isTrusted: unknown;
  appendMarkdown(text: string): this { this.value += text; return this; }
  appendText(text: string): this { this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>]/g, '\\$&'); return this; }
}

/**
 * sec30 L2: a flag key may hold `)`: the hover's Toggle link must carry the whole key, its
 * arguments escaped like the status tooltip's (core/render linkArgs), so nothing after a `)` renders.
 */
/** Node's Module (CommonJS), whose resolver the stub hooks. */
const Module = module.constructor;

describe('flags hover: the Toggle link of a key holding parentheses', () => {
  const resolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
  before(() => {
    (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (request: unknown, ...rest: unknown[]) {
      return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
    };
    require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: { MarkdownString } } as unknown as NodeJS.Module;
  });
  after(() => {
    (Module as unknown as { _resolveFilename: unknown })._resolveFilename = resolve;
    delete require.cache.vscode;
    // The editor's modules loaded against this stand-in (flagsHover, folderName) must not serve a later file's stand-in.
    for (const key of Object.keys(require.cache)) {
      if (key.includes(`${path.sep}src${path.sep}vscode${path.sep}`)) { delete require.cache[key]; }
    }
  });

  it('the link ends where it should and its arguments name the whole key', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { hoverText } = require('../../../src/vscode/flags/flagsHover') as typeof import('../../../src/vscode/flags/flagsHover');
    const key = 'kill)**BOLD**(x';
    const row = { key, state: 'ENABLED', defaultVariant: 'on', variants: { on: true }, value: true, environment: 'dev', stale: false, lastChanged: null, references: null } as unknown as FlagRow;
    const md = hoverText(key, [row], 'file:///work/b').value;
    const link = /\[Toggle\]\(command:gearshift\.toggleFeature\?([^)]*)\)/.exec(md);
    assert.ok(link, md);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link[1])), [{ key, environment: 'dev', folder: 'file:///work/b' }]);
    assert.ok(md.endsWith(`${link[0]}\n`), `text after the link: ${md}`);
  });

  it('another folder\'s flag (the file\'s folder has no flags) names that folder; the own folder\'s does not (rereview36 R3)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { hoverText } = require('../../../src/vscode/flags/flagsHover') as typeof import('../../../src/vscode/flags/flagsHover');
    const row = { key: 'beta', state: 'ENABLED', defaultVariant: 'on', variants: { on: true }, value: true, environment: 'dev', stale: false, lastChanged: null, references: null } as unknown as FlagRow;
    assert.ok(hoverText('beta', [row], 'file:///mono/a', 'a').value.startsWith('**Feature toggle** beta \\(in a\\)\n'));
    assert.ok(!hoverText('beta', [row], 'file:///mono/a').value.includes('(in'));
  });
});
