/**
 * How `npm start` (start.ts) ends on Ctrl+C / SIGTERM / SIGHUP. The demo's blue/green servers
 * were started by its pipeline (Provision Prod) into their own session, precisely so they outlive
 * a stage; that also makes them outlive the editor, so the session that opened the demo stops
 * them with the demo's own `node ci/demo-servers.js stop` (which signals only the process that
 * proves it is this demo's servers, and waits until they are gone).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Disposable { dispose(): Promise<void> }

/** The stop script waits up to ~3 s for the servers; a hung one must not keep `npm start` alive. */
const STOP_SCRIPT_TIMEOUT_MS = 10_000;

/** Disposes the editor's server, then stops the demo servers; never rejects. */
export async function shutdown(demo: string, server: Disposable | undefined): Promise<void> {
  try {
    await server?.dispose();
  } finally {
    await stopDemoServers(demo);
  }
}

function stopDemoServers(demo: string): Promise<void> {
  const script = path.join(demo, 'ci', 'demo-servers.js');
  if (!fs.existsSync(script)) { return Promise.resolve(); }
  return new Promise((resolve) => {
    execFile(process.execPath, [script, 'stop'], { cwd: demo, timeout: STOP_SCRIPT_TIMEOUT_MS }, (err, stdout, stderr) => {
      const said = `${stdout}${stderr}`.trim();
      if (said) { console.log(said); }
      if (err) { console.error(`stopping the demo servers failed: ${err.message} (stop them with: node ci/demo-servers.js stop, in ${demo})`); }
      resolve();
    });
  });
}

/** Ctrl+C, SIGTERM or a closed terminal: stop everything once, then exit. */
export function stopOnSignals(demo: string, server: Disposable | undefined): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) { return; }
    stopping = true;
    void shutdown(demo, server).then(() => process.exit(0));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) { process.on(signal, stop); }
}
