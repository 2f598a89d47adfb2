/**
 * A tiny blue/green production on 127.0.0.1, in a temp dir:
 * - two slot servers (blue, green); each answers as its `release-<slot>` file says: a status
 *   code ("200", "500") or "hang" (never answers);
 * - a proxy forwarding to whichever slot the file `live-slot` names (503 when none): the
 *   "public" URL that monitoring watches and the tests assert through;
 * - `switch.sh`, the deploy.switch script: writes $GEARSHIFT_SLOT into live-slot, or fails
 *   (exit 3, with output) while a `switch-fails` marker file exists;
 * - a pipeline whose production stage "builds" `release-next` into `release-$GEARSHIFT_SLOT`.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DEFAULT_GEARS, type DeployConfig, type Pipeline } from '../../../src/core/config/types';
import { DeployLock, DeployStateStore, type StagesRequest } from '../../../src/core/deploy';
import { PipelineRun } from '../../../src/core/pipeline';
import type { RunState } from '../../../src/core/pipeline/types';

const SWITCH_SCRIPT = `#!/bin/sh
# Makes $GEARSHIFT_SLOT live for the proxy; fails on demand.
if [ -e switch-fails ]; then
  echo "switching to $GEARSHIFT_SLOT"
  echo "error: load balancer unreachable" >&2
  exit 3
fi
printf '%s\\n' "$GEARSHIFT_SLOT" > live-slot.tmp && mv live-slot.tmp live-slot
echo "now serving $GEARSHIFT_SLOT"
`;

export type Slot = 'blue' | 'green';

export class BlueGreenFixture {
  readonly config: DeployConfig = { strategy: 'blue-green', slots: ['blue', 'green'], switch: './switch.sh' };
  readonly stateDir: string;
  readonly store: DeployStateStore;
  readonly lock: DeployLock;
  /** Requests each slot server has received. */
  readonly hits: Record<Slot, number> = { blue: 0, green: 0 };
  private readonly servers: http.Server[] = [];
  private readonly ports = new Map<string, number>();

  private constructor(readonly dir: string) {
    this.stateDir = path.join(dir, '.git', 'gearshift');
    this.store = new DeployStateStore(this.stateDir);
    this.lock = new DeployLock(this.stateDir);
    fs.writeFileSync(path.join(dir, 'switch.sh'), SWITCH_SCRIPT, { mode: 0o755 });
  }

  static async create(dir: string): Promise<BlueGreenFixture> {
    const f = new BlueGreenFixture(dir);
    for (const slot of ['blue', 'green'] as const) {
      f.ports.set(slot, await f.listen((_req, res) => f.serveSlot(slot, res)));
    }
    f.ports.set('proxy', await f.listen((req, res) => f.forward(req, res)));
    return f;
  }

  url(which: Slot | 'proxy'): string {
    return `http://127.0.0.1:${this.ports.get(which)}/health`;
  }

  /** What the next deploy's build will do when it serves. */
  nextRelease(behaviour: string): void { this.write('release-next', behaviour); }
  setRelease(slot: Slot, behaviour: string): void { this.write(`release-${slot}`, behaviour); }
  release(slot: Slot): string | undefined { return this.read(`release-${slot}`); }
  liveSlot(): string | undefined { return this.read('live-slot'); }
  switchFails(on: boolean): void {
    if (on) { this.write('switch-fails', ''); } else { fs.rmSync(path.join(this.dir, 'switch-fails'), { force: true }); }
  }

  /** One GET through the proxy: status and which slot answered. */
  async viaProxy(): Promise<{ status: number; slot: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = http.get(this.url('proxy'), { agent: false }, (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, slot: res.headers['x-slot'] as string | undefined }));
      });
      req.once('error', reject);
      req.setTimeout(3000, () => req.destroy(new Error('proxy did not answer')));
    });
  }

  /** The production pipeline: one stage that "deploys" release-next into the slot it is given. */
  pipeline(extraStages: Pipeline['stages'] = []): Pipeline {
    return {
      version: 1, file: path.join(this.dir, '.gearshift.yml'), root: this.dir, trigger: 'manual', branches: [],
      stages: [{
        name: 'Deploy to production', environment: 'production', needs: [], timeoutMs: 30_000, env: {}, cwd: this.dir,
        run: 'test -n "$GEARSHIFT_SLOT" || exit 1; cp release-next "release-$GEARSHIFT_SLOT" && echo "$GEARSHIFT_SLOT" > deployed-to',
      }, ...extraStages],
      queue: 'latest', checkout: 'workspace', gears: DEFAULT_GEARS,
    };
  }

  /** What the lead passes: runs the pipeline's stages with the extra env and run id, cancels on abort. */
  runStages(pipeline: Pipeline = this.pipeline(), sha = 'abc1234def'): (r: StagesRequest) => Promise<{ id: string; state: RunState }> {
    return async ({ extraEnv, runId, signal }) => {
      const run = new PipelineRun({ pipeline, sha, branch: 'main', trigger: 'deploy', runId, extraEnv, color: false, killGraceMs: 500 });
      const cancel = (): void => run.cancel('deploy cancelled');
      signal.addEventListener('abort', cancel, { once: true });
      if (signal.aborted) { cancel(); }
      try {
        const record = await run.start();
        return { id: record.id, state: record.state };
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    })));
  }

  private serveSlot(slot: Slot, res: http.ServerResponse): void {
    this.hits[slot]++;
    const behaviour = this.release(slot) ?? '200';
    if (behaviour === 'hang') { return; }
    const status = Number(behaviour) || 200;
    res.writeHead(status, { 'content-type': 'text/plain', 'x-slot': slot });
    res.end(`${slot} ${status}\n`);
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const live = this.liveSlot();
    const port = live ? this.ports.get(live) : undefined;
    if (!port) {
      res.writeHead(503);
      res.end('no live slot\n');
      return;
    }
    const upstream = http.get({ host: '127.0.0.1', port, path: req.url, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, { 'x-slot': live as string });
      up.pipe(res);
    });
    upstream.once('error', () => {
      if (!res.headersSent) { res.writeHead(502); }
      res.end();
    });
    res.once('close', () => upstream.destroy());
  }

  private listen(handler: http.RequestListener): Promise<number> {
    const server = http.createServer(handler);
    this.servers.push(server);
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  }

  private write(name: string, text: string): void { fs.writeFileSync(path.join(this.dir, name), text); }

  private read(name: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.dir, name), 'utf8').trim();
    } catch {
      return undefined;
    }
  }
}
