import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { Toolchain } from './install';
import { unusedPort } from '../support/unusedPort';
import { withoutNpmEnvironment } from './npmEnv';

/** A code-server on 127.0.0.1 with a throwaway profile; `dispose` leaves nothing behind. */
export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything code-server printed, for failure reports. */
  output(): string;
  /**
   * After dispose: what the server and all it started (the extension host and the tests in it,
   * terminals, stages) left in its private TMPDIR, removed by dispose; VS Code's and Node's own not counted.
   */
  leftovers(): string[];
  dispose(): Promise<void>;
}

export interface CodeServerOptions {
  /** Folder for this server's profile, extensions and XDG dirs (removed on dispose). */
  scratch: string;
  /** Lets the page pass `payload` (extensionDevelopmentPath / extensionTestsPath) in the URL. */
  smokeTestDriver?: boolean;
  /** Keep Workspace Trust on (off by default, so a test workspace is trusted without a prompt). */
  workspaceTrust?: boolean;
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  // Gearshift opens its walkthrough on first install unless this is off: the suites other than the walkthrough's own keep the editor free.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  // The DOM renderer keeps terminal text readable by tests (canvas hides it).
  'terminal.integrated.gpuAcceleration': 'off',
};

/** Sockets and temp folders VS Code makes in its TMPDIR, and Node's compile cache (reused by design). */
const VSCODE_OWN = /^(vscode-((git|ipc)-.*\.sock|typescript\d*)|node-compile-cache)$/;

/** VS Code's in the harness's own temp dir (where XDG_RUNTIME_DIR or an override put them); only the ones this server made are removed. */
function vscodeSockets(): Set<string> {
  try {
    return new Set(fs.readdirSync(os.tmpdir()).filter((f) => VSCODE_OWN.test(f)));
  } catch {
    return new Set();
  }
}

/** What is in `tmp` besides VS Code's and Node's own. */
function leftIn(tmp: string): string[] {
  try { return fs.readdirSync(tmp).filter((f) => !VSCODE_OWN.test(f)).sort(); } catch { return []; }
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) { return Promise.resolve(true); }
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.off('exit', onExit); resolve(false); }, ms);
    const onExit = (): void => { clearTimeout(timer); resolve(true); };
    child.once('exit', onExit);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) { return; }
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

export async function startCodeServer(tc: Toolchain, opts: CodeServerOptions): Promise<CodeServer> {
  const userDataDir = path.join(opts.scratch, 'user-data');
  const extensionsDir = path.join(opts.scratch, 'extensions');
  const xdg = path.join(opts.scratch, 'xdg');
  for (const d of [path.join(userDataDir, 'User'), path.join(userDataDir, 'Machine'), extensionsDir, xdg]) { fs.mkdirSync(d, { recursive: true }); }
  // code-server's extension host is a remote one: a machine-scoped setting (openOnInstall is one)
  // counts only in the remote's Machine settings, and is ignored in User settings (seen: the
  // extension read the default `true` while User settings said false). Both files get the lot.
  const settings = JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2);
  for (const scope of ['User', 'Machine']) { fs.writeFileSync(path.join(userDataDir, scope, 'settings.json'), settings); }

  // Below the ephemeral range (unusedPort says why): a port listen(0) handed out and we closed could be handed
  // out again, to another test's server on this shared machine, in the seconds before code-server binds it.
  const port = await unusedPort();
  const args = [tc.codeServer, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (!opts.workspaceTrust) { args.push('--disable-workspace-trust'); }
  if (opts.smokeTestDriver) { args.push('--vscode-option', 'enable-smoke-test-driver'); }

  const socketsBefore = vscodeSockets();
  // Short (a socket's path must fit in 107 bytes), and the server's own: a test's leftover is seen, not lost among /tmp's.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gearshift-cs-'));
  let leftovers: string[] = [];
  const child = spawn(tc.node, args, {
    detached: true, // its own process group, so dispose reaches the extension host and terminals too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...withoutNpmEnvironment(process.env), // the extension host and its terminals are no npm script
      PATH: `${path.join(tc.nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      TMPDIR: tmp,
      ...opts.env,
    },
  });
  let out = '';
  const collect = (b: Buffer): void => { out = (out + b.toString()).slice(-200_000); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let disposed = false;
  const dispose = async (): Promise<void> => {
    if (disposed) { return; }
    disposed = true;
    killGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 5000))) {
      killGroup(child, 'SIGKILL');
      await waitForExit(child, 5000);
    }
    killGroup(child, 'SIGKILL'); // stragglers of the group (extension host, pty hosts)
    for (const s of vscodeSockets()) {
      if (!socketsBefore.has(s)) { fs.rmSync(path.join(os.tmpdir(), s), { recursive: true, force: true }); }
    }
    fs.rmSync(opts.scratch, { recursive: true, force: true });
    leftovers = leftIn(tmp);
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (!(await healthy(port))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await dispose();
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${out}`);
    }
    if (Date.now() > deadline) {
      await dispose();
      throw new Error(`code-server did not answer /healthz within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url: `http://127.0.0.1:${port}`, port, userDataDir, extensionsDir, output: () => out, leftovers: () => leftovers, dispose };
}

/** `code-server --install-extension x.vsix` into a profile, before the server starts. */
export function installExtensionArgs(tc: Toolchain, vsix: string, userDataDir: string, extensionsDir: string): string[] {
  return [tc.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix];
}
