/**
 * What `deploy`, `switch`, `rollback` and `monitor` share: an engine for the located pipeline
 * whose events (stages, deploy steps, monitoring samples) print like `gearshift run`'s, Ctrl+C
 * as an AbortSignal, who approves, and the confirmation rule: `--yes`, else a person at a
 * terminal answers; in CI or without a terminal nobody can, so the command is refused (exit 2)
 * instead of deploying unasked or hanging.
 */
import { PipelineAlerts } from '../../core/automation';
import { approverName } from '../../core/git';
import { PipelineEngine } from '../../core/engine';
import { RunRenderer } from '../../core/render';
import { cliApprover, nobodyUnlessYes } from '../approval';
import { useColor } from '../color';
import type { Stop } from '../confirm';
import { EXIT } from '../command';
import { printConfigErrors } from '../configErrors';
import { InterruptGuard, keepSignalsHeard } from '../interrupt';
import type { CliIo, OutStream } from '../io';
import { locatePipelineFile } from '../locate';
import { flushAlerts } from './run';
import type { ConfigError } from '../../core/config';
import { deployRunHooks } from '../../core/deploy';
import { missingSecretsMessage } from '../../core/secrets';
import { cliSecretSource } from '../secretSource';
import { printable } from '../../core/format';
import { closeRunLogs, saveRunLogs } from '../runLogs';
import { jsonText } from '../jsonText';

export interface DeployCli {
  engine: PipelineEngine;
  /** Progress: stdout, or stderr with --json (stdout then gets only the JSON). */
  out: OutStream;
  json: boolean;
  color: boolean;
  /** Aborts on the first Ctrl+C / SIGTERM; a second one exits at once (InterruptGuard). */
  signal: AbortSignal;
  close(): Promise<void>;
}

/** The options every deploy command shares. */
export interface DeployCliOptions { readonly json?: true; readonly yes?: true; readonly config?: string }

export async function openDeployCli(opts: DeployCliOptions, io: CliIo): Promise<DeployCli> {
  const json = opts.json === true;
  const out = json ? io.stderr : io.stdout;
  const color = useColor(out, io.env);
  const located = await locatePipelineFile(io.cwd, opts.config);
  const engine = new PipelineEngine({ hooks: deployRunHooks(), holderKind: 'terminal',
    folder: located.folder, configFile: located.configFile, approve: cliApprover(opts.yes === true, io, located.folder), baseEnv: io.env, color,
    ...nobodyUnlessYes(opts.yes === true, io),
    secrets: cliSecretSource(io),
  });
  const logs = saveRunLogs(engine, io);
  const renderer = new RunRenderer({ color, mask: (text) => engine.secrets.mask(text) });
  const off = engine.onEvent((e) => {
    if (e.type === 'configInvalid') { return; } // printed as file:line:col lines by the command
    const text = renderer.render(e);
    if (text) { (e.type === 'historyProblem' ? io.stderr : out).write(text); }
  });
  // The guard cancels an engine run (and kills stage groups on a second signal); the abort
  // reaches everything else (a prompt, the switch script, monitoring).
  const guard = new InterruptGuard(engine, io);
  keepSignalsHeard(); // the switch script and monitoring run outside any stage
  const abort = new AbortController();
  const stop = io.onInterrupt(() => abort.abort());
  // Before the plan is made: a deploy killed with -9 must not still be running when we pick a slot.
  await engine.cleanUpLeftovers();
  // A deploy that turns the pipeline red, or trips monitoring, tells the webhook as `run` does.
  const loaded = await engine.validate();
  const alerts = loaded.ok && loaded.pipeline.alerts?.webhook
    ? new PipelineAlerts(engine, { reminderMs: 0, log: (_level, line) => io.stderr.write(`gearshift: ${line}\n`) })
    : undefined;
  await alerts?.start();
  return {
    engine, out, json, color, signal: abort.signal,
    close: async () => {
      stop();
      guard.stop();
      off();
      await engine.settle();
      await closeRunLogs(logs);
      if (alerts) { await flushAlerts(alerts, io); }
    },
  };
}

export { stopUnlessConfirmed, type Stop } from '../confirm';

/**
 * Ends `gearshift <name>` before its operation: the line on stderr and, with --json, the one
 * object stdout always gets (`fields` fill the command's other keys), as a refusal from the
 * operation itself prints it. A script reading stdout never gets nothing.
 */
export function stopBefore(cli: DeployCli, io: CliIo, name: string, stop: Stop, fields: Record<string, unknown> = {}): number {
  io.stderr.write(`gearshift ${name}: ${printable(stop.message)}\n`);
  if (cli.json) { io.stdout.write(`${jsonText({ result: stop.result, message: stop.message, ...fields })}\n`); }
  return stop.result === 'refused' ? EXIT.usage : EXIT.cancelled;
}

/** Who approved, for history (see core/git/approver.ts). */
export function whoApproves(folder: string, io: CliIo): Promise<string> {
  return approverName(folder, io.env);
}

/** An invalid config: the file:line:col lines, exit 2. */
export function invalidConfig(errors: readonly ConfigError[], io: CliIo): number {
  printConfigErrors(errors, io);
  return EXIT.usage;
}

/**
 * A refusal for want of a secret names the variable to set; a switch's or a blue/green
 * rollback's (deploy.env) says too that nothing changed. A rollback without blue/green is a
 * run of the production stages: its secrets are the stages', refused like any run's.
 */
export function refusalText(name: string, o: { message: string; missingSecrets?: readonly string[]; live?: string; via?: 'switch' | 'redeploy' }): string {
  if (!o.missingSecrets) { return o.message; }
  if (o.via === 'redeploy') { return missingSecretsMessage(o.missingSecrets, 'cli'); }
  return missingSecretsMessage(o.missingSecrets, 'cli', { action: name === 'rollback' ? 'roll back' : 'switch', ...(o.live !== undefined ? { live: o.live } : {}) });
}
