/**
 * A release whose monitoring was inconclusive waits for a person. At a terminal `run` and
 * `deploy production` ask "Keep it, or roll back?"; with --yes, in CI or without a terminal
 * nobody is asked (--yes approves what was asked for, not a verdict monitoring could not give):
 * the release stays live and paused, and the command exits 3. `gearshift keep` and
 * `gearshift rollback` answer later.
 */
import type { PipelineEngine } from '../../core/engine';
import { EXIT_INCONCLUSIVE, exitCodeOf, keepRelease, pendingDecision, rollbackProduction } from '../../core/release';
import { printable, shortSha } from '../../core/format';
import type { OptionSpec, OptionValues } from '../args';
import { isCi } from '../color';
import { CONFIG_LOOKUP_HELP, defineCommand, EXIT } from '../command';
import type { CliIo, OutStream } from '../io';
import { invalidConfig, openDeployCli, refusalText, whoApproves } from './deployShared';
import { jsonText } from '../jsonText';

export interface DecisionContext {
  engine: PipelineEngine;
  io: CliIo;
  out: OutStream;
  yes: boolean;
  signal: AbortSignal;
}

const LATER = 'keep it with `gearshift keep`, or roll back with `gearshift rollback`';

/** After a run or deploy that ended inconclusive: ask, or exit 3 when nobody can (or should) be asked. */
export async function decideInconclusive(c: DecisionContext): Promise<number> {
  const waiting = await pendingDecision(c.engine);
  if (!waiting) { return EXIT.ok; } // decided meanwhile (the editor, another terminal)
  const what = `the release of ${shortSha(waiting.sha)}${waiting.slot !== undefined ? ` in ${printable(waiting.slot)}` : ''}`;
  const why = c.yes ? '--yes does not decide for you' : isCi(c.io.env) ? 'CI is set' : !c.io.stdinIsTTY ? 'stdin is not a terminal' : undefined;
  if (why) {
    c.io.stderr.write(`gearshift: ${what} needs a decision (monitoring was inconclusive: ${printable(waiting.message)}); it stays live and production deploys wait: ${LATER} (${why})\n`);
    return EXIT_INCONCLUSIVE;
  }
  const answer = await c.io.prompt(`Monitoring was inconclusive for ${what}. Keep it, or roll back? [k]eep / [r]oll back / [l]ater: `, c.signal);
  const who = await whoApproves(c.engine.folder, c.io);
  if (answer !== null && /^\s*k(eep)?\s*$/i.test(answer)) {
    const kept = await keepRelease(c.engine, { approvedBy: who });
    if (kept.result === 'invalid') { return invalidConfig(kept.errors, c.io); }
    (kept.result === 'ok' ? c.out : c.io.stderr).write(`gearshift: ${printable(kept.message)}\n`);
    return exitCodeOf(kept.result);
  }
  if (answer !== null && /^\s*r(oll\s*back)?\s*$/i.test(answer)) {
    const back = await rollbackProduction(c.engine, { approvedBy: who, signal: c.signal, trigger: 'rollback' });
    if (back.result === 'invalid') { return invalidConfig(back.errors, c.io); }
    if (back.result === 'refused') { c.io.stderr.write(`gearshift rollback: ${printable(refusalText('rollback', back))}\n`); }
    return exitCodeOf(back.result);
  }
  c.io.stderr.write(`gearshift: ${what} stays live and paused: ${LATER}\n`);
  return EXIT_INCONCLUSIVE;
}

const OPTIONS = [
  { name: 'json', type: 'boolean' },
  { name: 'config', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const keepCommand = defineCommand({
  name: 'keep',
  summary: 'keep a release whose monitoring was inconclusive',
  options: OPTIONS,
  help: `Usage: gearshift keep [--json] [--config PATH]

After a production deploy whose monitoring was inconclusive (probe errors in a row up to
\`monitor.consecutiveErrorLimit\`, a rate in the \`monitor.inconclusive\` range, or a probe that
measured nothing), the release stays live and further production deploys wait for a person.
\`gearshift keep\` says it stays; \`gearshift rollback\` takes it back. Either is recorded in
history as the release's decision.

Options:
  --json          stdout gets one JSON object: {"result", "message", "run"}
  --config PATH   the pipeline file
  -h, --help      show this help

${CONFIG_LOOKUP_HELP}

Exit codes: 0 kept, 2 usage, config error or refused (no release waits for a decision,
another deploy in progress).
`,
  run: async (opts: Options, io: CliIo) => {
    const cli = await openDeployCli(opts, io);
    try {
      const o = await keepRelease(cli.engine, { approvedBy: await whoApproves(cli.engine.folder, io) });
      if (o.result === 'invalid') { return invalidConfig(o.errors, io); }
      if (cli.json) { io.stdout.write(`${jsonText({ result: o.result, message: o.message, run: o.result === 'ok' ? o.history : null })}\n`); }
      if (o.result === 'refused') { io.stderr.write(`gearshift keep: ${printable(o.message)}\n`); }
      return exitCodeOf(o.result);
    } finally {
      await cli.close();
    }
  },
});
