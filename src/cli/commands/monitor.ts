/** `gearshift monitor`: the `monitor:` probes for one window, now, without a deploy. */
import { missingSecretsMessage } from '../../core/secrets';
import { exitCodeOf, monitorNow, planRollbackNow } from '../../core/release';
import { printable, shortSha } from '../../core/format';
import type { PipelineEngine } from '../../core/engine';
import type { OptionSpec, OptionValues } from '../args';
import { CONFIG_LOOKUP_HELP, defineCommand } from '../command';
import type { CliIo } from '../io';
import { invalidConfig, openDeployCli } from './deployShared';
import { jsonText } from '../jsonText';
import { healthyButRedText, readRedNow } from '../../core/redgreen';

const OPTIONS = [{ name: 'json', type: 'boolean' }, { name: 'config', type: 'string' }] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const monitorCommand = defineCommand({
  name: 'monitor',
  summary: 'check production now: poll the monitor: probes for one window',
  options: OPTIONS,
  help: `Usage: gearshift monitor [--json] [--config PATH]

Polls the \`monitor:\` probes interval by interval for the configured window, printing each
probe's error rate (and latency), and stops at the first interval that trips the alarm.
There is no deploy, so there is no baseline: only the absolute threshold applies. Nothing
is changed (no rollback, no lock): it answers "is production healthy right now?". When the
alarm trips and a rollback has somewhere to go, it says so: "\`gearshift rollback\` goes back to blue".

Options:
  --json          samples go to stderr; stdout gets one JSON object:
                  {"result", "message", "monitor", "samples"}
  --config PATH   the pipeline file
  -h, --help      show this help

${CONFIG_LOOKUP_HELP}

Exit codes: 0 no alarm, 1 the alarm tripped, 2 usage, config error or no \`monitor:\`
section, 3 inconclusive (probe errors in a row, or a rate in the \`inconclusive\` range),
130 cancelled (Ctrl+C).
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const cli = await openDeployCli(opts, io);
  try {
    const o = await monitorNow(cli.engine, { signal: cli.signal });
    if (o.result === 'invalid') { return invalidConfig(o.errors, io); }
    if (o.result === 'refused') {
      io.stderr.write(`gearshift monitor: ${o.missingSecrets ? missingSecretsMessage(o.missingSecrets, 'cli') : o.message}\n`);
    }
    if (o.result === 'alert') {
      const next = await rollbackHint(cli.engine);
      if (next) { cli.out.write(`${next}\n`); }
    }
    // No alarm is not green: while the pipeline is red, say why it stays red and what ends it (redstory34, as the editor says).
    const stillRed = o.result === 'ok' ? healthyButRedText(await readRedNow(() => cli.engine.history())) : undefined;
    if (stillRed) { cli.out.write(`  ${stillRed}\n`); }
    if (cli.json) { // refused too: a script reading stdout gets its one object, as from keep, switch and rollback
      io.stdout.write(`${jsonText({ result: o.result, message: o.message, monitor: 'monitor' in o ? o.monitor : null, samples: 'samples' in o ? o.samples : [] })}\n`);
    }
    return exitCodeOf(o.result);
  } finally {
    await cli.close();
  }
}

/** After a trip, the next step when a rollback has somewhere to go (walkcli32 L11): monitor itself changes nothing. */
async function rollbackHint(engine: PipelineEngine): Promise<string | undefined> {
  const plan = await planRollbackNow(engine).catch(() => undefined);
  if (plan?.kind === 'switch') { return `  production is failing now; \`gearshift rollback\` goes back to ${printable(plan.to)} (${shortSha(plan.sha)})`; }
  if (plan?.kind === 'redeploy') { return `  production is failing now; \`gearshift rollback\` redeploys ${shortSha(plan.sha)}`; }
  return undefined;
}
