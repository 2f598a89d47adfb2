/** `gearshift status`: is the pipeline green? Read from the history the editor shares. */
import { style, type Style } from '../../core/engine/ansi';
import type { RunRecord } from '../../core/pipeline/types';
import type { ParsedOptions } from '../args';
import { useColor } from '../color';
import { EXIT, type Command } from '../command';
import { ago, describeFailure, failedStage, localTime, runDuration, shortSha } from '../describe';
import { gaugeFor, gaugeJson } from '../gauge';
import { readHistory } from '../historyRead';
import type { CliIo } from '../io';
import { locateConfig } from '../locate';

export const statusCommand: Command = {
  name: 'status',
  summary: 'the last run: green, red, running, cancelled, interrupted or unknown',
  options: [{ name: 'json', type: 'boolean' }, { name: 'config', type: 'string' }],
  help: `Usage: gearshift status [--json] [--config PATH]

Shows the state of the last pipeline run (from the CLI or the editor: they share one
history): green, red, running, cancelled, interrupted (it never finished, e.g. the
editor closed), or unknown when nothing has run yet. Also its commit, branch, when it
started, how long it took and which stage failed. Always exits 0: it is a question.

Options:
  --json          print {"state", "run" (record or null), "gear", "metrics", "checklist"}
  --config PATH   the pipeline whose history to read (matters outside git only)
  -h, --help      show this help
`,
  run,
};

async function run(opts: ParsedOptions, io: CliIo): Promise<number> {
  const located = await locateConfig(io.cwd, opts.config as string | undefined);
  const [last] = await readHistory(located.folder, 1, io);
  if (opts.json === true) {
    const gauge = gaugeJson(await gaugeFor(located.folder, located.configFile, io));
    io.stdout.write(`${JSON.stringify({ state: last?.state ?? 'unknown', run: last ?? null, ...gauge })}\n`);
    return EXIT.ok;
  }
  const s = style(useColor(io.stdout, io.env));
  io.stdout.write(last ? describe(last, s) : `${s.bold('unknown')}: no pipeline runs yet; start one with \`gearshift run\`\n`);
  return EXIT.ok;
}

function describe(run: RunRecord, s: Style): string {
  const color = run.state === 'green' ? s.green : run.state === 'red' ? s.red : s.yellow;
  const lines = [
    `${color(s.bold(run.state))}  ${shortSha(run.sha)}${run.branch ? ` on ${run.branch}` : ''}`,
    `  started   ${localTime(run.startedAt)} (${ago(run.startedAt)}) by ${run.trigger}`,
  ];
  const duration = runDuration(run);
  if (duration) { lines.push(`  ${run.state === 'running' ? 'running  ' : 'duration '} ${duration}`); }
  const failed = failedStage(run);
  if (failed) { lines.push(`  failed    ${describeFailure(failed)}`); }
  lines.push(`  run       ${run.id}`);
  return `${lines.join('\n')}\n`;
}
