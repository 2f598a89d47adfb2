import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureDemoRepo } from '../support/demoRepo';
import { startCodeServer } from './codeServer';
import { ensureToolchain } from './install';
import { projectRoot, scratchRoot } from './paths';
import { stopOnSignals } from './startShutdown';

/**
 * `npm start`: opens a real VS Code with Gearshift on the demo repository. Desktop `code` with
 * --extensionDevelopmentPath when it is on PATH; otherwise code-server on 127.0.0.1 with the
 * freshly packaged .vsix, printing the URL to open.
 */

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$0"', cmd], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const demo = path.join(scratchRoot, 'demo');
  if (process.argv.includes('--fresh')) { fs.rmSync(demo, { recursive: true, force: true }); }
  console.log(ensureDemoRepo(demo) ? `Created the demo repository at ${demo}` : `Using the demo repository at ${demo}`);

  if (onPath('code') && !process.argv.includes('--browser')) {
    console.log('Opening desktop VS Code with Gearshift loaded from source…');
    spawn('code', ['--new-window', `--extensionDevelopmentPath=${projectRoot}`, demo], { stdio: 'inherit', detached: true }).unref();
    // Desktop VS Code outlives this process, so there is no Ctrl+C of ours to hook: say how to stop.
    console.log(`When you are done: node ci/demo-servers.js stop (in ${demo}) stops the demo's servers.`);
    return;
  }

  const vsix = path.join(projectRoot, 'gearshift.vsix');
  const tc = ensureToolchain();
  const scratch = path.join(scratchRoot, `start-${process.pid}`);
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const r = spawnSync(tc.node, [tc.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8' });
  if (r.status !== 0) { throw new Error(`installing ${vsix} failed:\n${r.stderr}`); }
  const server = await startCodeServer(tc, { scratch, settings: { 'workbench.startupEditor': 'none' } });
  // Ctrl+C stops code-server and the demo's blue/green servers its deploys started.
  stopOnSignals(demo, server);
  console.log(`\nGearshift is running in VS Code (code-server ${server.url}). Open:\n\n  ${server.url}/?folder=${encodeURIComponent(demo)}\n\nPress Ctrl+C to stop (also the demo's servers).`);
}

main().catch((e: Error) => { console.error(e.message); process.exit(1); });
