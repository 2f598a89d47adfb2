// @ts-check
'use strict';
const path = require('path');
const webpack = require('webpack');

/**
 * Two node bundles from one core: the extension (loaded by VS Code, `vscode` provided by the host)
 * and the `gearshift` CLI (plain node, never touches `vscode`).
 * @param {unknown} _env
 * @param {{ mode?: 'production' | 'development' }} argv
 * @returns {import('webpack').Configuration[]}
 */
module.exports = (_env, argv) => {
  const production = argv.mode !== 'development';
  /** @type {import('webpack').Configuration} */
  const common = {
    target: 'node20',
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-source-map',
    resolve: {
      extensions: ['.ts', '.js'],
      // yaml's ESM build lets webpack drop the parts we never call (about half of it).
      alias: {
        yaml$: path.resolve(__dirname, 'node_modules/yaml/browser/index.js'),
        // simple-git's trace logging is never enabled: a no-op stands in for `debug`.
        debug$: path.resolve(__dirname, 'src/vendor/debugStub.ts'),
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
      chunkFilename: '[name].chunk.js',
      libraryTarget: 'commonjs2',
      devtoolModuleFilenameTemplate: '../[resource-path]',
    },
    optimization: { minimize: production },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
  };
  return [
    {
      ...common,
      name: 'extension',
      entry: { extension: './src/extension.ts' },
      externals: { vscode: 'commonjs vscode' },
      // Stamped before any bundled module runs, so activation time includes loading the bundle.
      plugins: [new webpack.BannerPlugin({ banner: 'globalThis.__gearshiftLoadStart = performance.now();', raw: true, entryOnly: true })],
    },
    {
      ...common,
      name: 'cli',
      entry: { cli: './src/cli.ts' },
      externals: { vscode: 'commonjs vscode' },
      // Each command's code in its own chunk (cli.<name>.chunk.js, never named like the
      // extension's), loaded when that command runs: `gearshift --version` compiles a few KiB,
      // not the whole engine (docs/benchmarks.md, "CLI start").
      output: { ...common.output, chunkFilename: 'cli.[name].chunk.js' },
      plugins: [
        new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true }),
      ],
    },
  ];
};
