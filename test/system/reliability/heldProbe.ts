import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliProcess, TSC_CLI, waitForFile } from '../cli/cliProcess';
import { Workspaces } from '../../support/workspaces';

/** A `command:` probe that writes its pid to `<dir>/probe.pid` and is held (bounded) while `<dir>/hold` exists: only a kill ends it early. */
export function heldProbeCommand(dir: string): string {
  return `echo $$ > ${dir}/probe.pid; i=0; while [ -e ${dir}/hold ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; echo 0`;
}

/**
 * A CLI command started in a fresh repository whose pipeline has a held probe, up to the probe
 * running; `cleanup` (afterEach) lets the probe go, kills what is left of the CLIs, removes the folders.
 */
export class HeldProbes {
  private readonly ws = new Workspaces();
  private readonly clis: CliProcess[] = [];
  private holds: string[] = [];

  /** `args` in a repository with `pipeline(dir)`, once its probe runs: the repo, the probe's pid and the CLI. */
  async start(args: string[], pipeline: (dir: string) => string): Promise<{ repo: string; pid: number; cli: CliProcess }> {
    const dir = this.ws.folder();
    const repo = this.ws.repo(pipeline(dir));
    const hold = path.join(dir, 'hold');
    this.holds.push(hold);
    fs.writeFileSync(hold, '');
    const cli = new CliProcess(args, { cwd: repo, cli: TSC_CLI, input: '' });
    this.clis.push(cli);
    await waitForFile(path.join(dir, 'probe.pid'), /^\d+\n$/, 60_000);
    return { repo, pid: Number(fs.readFileSync(path.join(dir, 'probe.pid'), 'utf8')), cli };
  }

  async cleanup(): Promise<void> {
    for (const hold of this.holds.splice(0)) { fs.rmSync(hold, { force: true }); }
    for (const cli of this.clis.splice(0)) { cli.child.kill('SIGKILL'); await cli.done; }
    this.ws.cleanup();
  }
}
