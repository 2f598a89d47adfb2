// @ts-check
'use strict';
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
// The docs' link rewriting (build/docsLinks.js: plain text in and out, unit-tested).
const { forDetailsPage, forPreview } = require('./build/docsLinks');

/**
 * Our own modules that three or more lazy chunks share go into one `common` chunk. By default
 * webpack shares a module only in a chunk of 20 KB or more and copies smaller ones into every
 * chunk that needs them (the history reader into 8, the secrets syntax into 5: ≈ 340 KB of copies,
 * ≈ 50 KB of the .vsix). With them in one chunk `gearshift run` opens 1 chunk file instead of 8 and
 * `status` 2 instead of 6, at the same CPU time paired against the split layout, on Node 24 (its
 * compile cache) and on Node 20 (the CLI's code cache, which keeps one per command for this:
 * src/cli/codeCache.ts). Modules only two chunks share stay copied: shared too, `common` grew from
 * 240 to 378 KB and plain `status` paid ≈ 4 % more CPU to load it. Measured in docs/benchmarks-journal.md,
 * "The .vsix budget".
 * @type {NonNullable<NonNullable<import('webpack').Configuration['optimization']>['splitChunks']>}
 */
const OWN_SOURCES = path.join(__dirname, 'src') + path.sep;
const COMMON_CODE = {
  name: 'common', chunks: 'async', minChunks: 3, minSize: 0, priority: 5, reuseExistingChunk: true,
  // Our src/ folder only: a bare /src/ pattern also takes packages (`@kwsites/file-exists/dist/src`), and every package when the checkout itself lies under a `src` folder.
  /** @param {import('webpack').Module} m */
  test: (m) => (m.nameForCondition() ?? '').startsWith(OWN_SOURCES),
};

/**
 * The gear model's modules that two lazy chunks share (the CLI's gauge with the editor's gauge
 * or workbench), in one chunk: webpack copied them into each (≈ 60 KB of source, 8 KB of the
 * .vsix; `common` takes only what three chunks share, and `run` needs none of them).
 * @type {NonNullable<NonNullable<NonNullable<import('webpack').Configuration['optimization']>['splitChunks']>['cacheGroups']>[string]}
 */
const GEARS_CODE = { name: 'gears', chunks: 'async', minChunks: 2, minSize: 0, priority: 4, reuseExistingChunk: true, test: /[\\/]src[\\/]core[\\/]gears[\\/]/ };

/**
 * Our modules that exactly two lazy chunks share, in a chunk of their own per pair of chunks when
 * they come to 4 KB of source or more (webpack's default is 20 KB, below which it copied them into
 * both: ≈ 120 KB of source). The pairs are mostly a CLI command and its editor counterpart, which
 * never load in one process, so neither compiles more than before: each opens one more file.
 * `usedExports: false` because the two sides use different exports of such a module, and webpack,
 * grouping by export usage per entry, otherwise saw each copy in one chunk only and kept both.
 * @type {NonNullable<NonNullable<NonNullable<import('webpack').Configuration['optimization']>['splitChunks']>['cacheGroups']>[string]}
 */
const PAIR_CODE = { chunks: 'async', minChunks: 2, minSize: 4000, priority: 1, reuseExistingChunk: true, usedExports: false, test: COMMON_CODE.test };

/**
 * The `yaml` package's modules that two or more lazy chunks share, in one chunk: the parser (config)
 * and the YAML 1.1 writer (the GitLab export) share its schemas, which webpack otherwise emitted
 * as two identical 22 KB chunks (one per entry point's chunk graph), past the .vsix budget.
 * @type {NonNullable<NonNullable<NonNullable<import('webpack').Configuration['optimization']>['splitChunks']>['cacheGroups']>[string]}
 */
const YAML_CODE = { name: 'yaml', chunks: 'async', minChunks: 2, minSize: 0, priority: 10, reuseExistingChunk: true, test: /[\\/]node_modules[\\/]yaml[\\/]/ };

// Writes the docs that ship inside the .vsix (after each build: webpack's `clean` empties dist/ first):
//   dist/readme.md       the Details page of Extensions → Gearshift (vsce --readme-path)
//   dist/docs/*.md       README.md and the user docs, opened by Gearshift: Open Documentation
//   dist/docs/screenshots/*.png   the screenshots those pages show
// Why two versions: VS Code's Details page strips every relative link and image (its sanitizer
// allows only http/https links and images, and its CSP only https images), so there the docs
// links point at the Reference section, which says how to open them. The Markdown preview
// resolves relative links, and loads images only from the page's own folder: so the pages and
// their screenshots sit together in dist/docs. Pages for developers (benchmarks, its journal, development)
// stay in the repository; a link to them becomes its text and where to find it.
const root = __dirname;
const DEVELOPER_PAGES = new Set(['docs/benchmarks.md', 'docs/benchmarks-journal.md', 'docs/development.md']);

/** Where each shipped repo file lands in the package (repo path → dist path). */
function shippedFiles() {
  const map = new Map([['README.md', 'dist/docs/README.md'], ['docs/README.md', 'dist/docs/index.md']]);
  for (const f of fs.readdirSync(path.join(root, 'docs'))) {
    const page = `docs/${f}`;
    if (f.endsWith('.md') && f !== 'README.md' && !DEVELOPER_PAGES.has(page)) { map.set(page, `dist/docs/${f}`); }
  }
  return map;
}

/** Writes the shipped docs after webpack has emitted (and cleaned) dist/. */
class PackageDocsPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.afterEmit.tap('PackageDocsPlugin', () => {
      const out = path.join(root, 'dist', 'docs');
      const shipped = shippedFiles();
      const screenshots = new Set();
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(path.join(out, 'screenshots'), { recursive: true });
      for (const [repoFile, distFile] of shipped) {
        fs.writeFileSync(path.join(root, distFile), forPreview(repoFile, fs.readFileSync(path.join(root, repoFile), 'utf8'), shipped, screenshots));
      }
      for (const shot of screenshots) { fs.copyFileSync(path.join(root, shot), path.join(out, 'screenshots', path.posix.basename(shot))); }
      fs.writeFileSync(path.join(root, 'dist', 'readme.md'), forDetailsPage(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), shipped));
    });
  }
}

/**
 * Two node entry points from one core, in one compilation: the extension (loaded by VS Code, `vscode` provided by the host)
 * and the `gearshift` CLI (plain node, never touches `vscode`).
 * @param {unknown} _env
 * @param {{ mode?: 'production' | 'development' }} argv
 * @returns {import("webpack").Configuration}
 */
module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  /** @type {import('webpack').Configuration} */
  const common = {
    target: 'node20',
    mode: production ? 'production' : 'development',
    // Maps are written for us (and the packaging test) but not referenced: the .vsix ships none, so the
    // 38 comments naming them only cost bytes (≈ 1.8 KB compressed). `node --enable-source-maps` needs a dev build.
    devtool: production ? 'hidden-source-map' : 'eval-source-map',
    resolve: {
      extensions: ['.ts', '.js'],
      // yaml's ESM build lets webpack drop the parts we never call (about half of it).
      alias: {
        yaml$: path.resolve(__dirname, 'node_modules/yaml/browser/index.js'),
        // simple-git's trace logging is never enabled: a no-op stands in for `debug`.
        debug$: path.resolve(__dirname, 'src/vendor/debugStub.ts'),
        // flagd-core needs three of semver's functions; its CommonJS index would bring all of them.
        semver$: path.resolve(__dirname, 'src/vendor/semverSubset.ts'),
      },
    },
    module: {
      rules: [{
        test: /\.ts$/,
        exclude: /node_modules/,
        // Our modules only declare things: a folder's index.ts re-exports much, and webpack may
        // drop what a bundle never uses (the extension imports a few names from src/core/deploy
        // and must not carry the rest).
        sideEffects: false,
        use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { sourceMap: true, module: 'es2020', moduleResolution: 'node10' } } }],
      }],
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      // The content hash names the chunk's exact text: the CLI's code cache (src/cli/codeCache.ts) is keyed by it.
      chunkFilename: '[name].[contenthash:16].chunk.js',
      libraryTarget: 'commonjs2',
      clean: true, // no chunk of an earlier build lingers in dist/ and ships in the .vsix
      devtoolModuleFilenameTemplate: '../[resource-path]',
    },
    // `size`: the shortest export names and module ids (the chunks reach each other's exports by name): ≈ 4.7 KB of the .vsix.
    optimization: { minimize: production, mangleExports: 'size', moduleIds: 'size', splitChunks: { cacheGroups: { common: COMMON_CODE, yaml: YAML_CODE, gears: GEARS_CODE, pairs: PAIR_CODE } } },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
  };
  // One compilation for both entries: the extension and the CLI share their lazy chunks (the
  // YAML parser, flagd-core, the engine's command modules) instead of each shipping a copy in the
  // .vsix. `vscode` stays external; the CLI never imports it (src/core lint rule, src/cli tests).
  return {
    ...common,
    entry: { extension: './src/extension.ts', cli: './src/cli.ts' },
    externals: { vscode: 'commonjs vscode' },
    plugins: [
      // Stamped before any bundled module runs, so activation time includes loading the bundle.
      new webpack.BannerPlugin({ banner: 'globalThis.__gearshiftLoadStart = performance.now();', raw: true, entryOnly: true, include: /^extension\.js$/ }),
      new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true, include: /^cli\.js$/ }),
      new PackageDocsPlugin(),
    ],
  };
};
