/** `gearshift switch` and `gearshift rollback`: blue/green by hand, confirmed like a deploy. */
import { exitCodeOf, planRollbackNow, planSwitch, rollbackProduction, rollbackQuestion, type RollbackOutcome, type SlotOutcome, switchSlot } from '../../core/release';
import type { OptionSpec, OptionValues } from '../args';
import { CONFIG_LOOKUP_HELP, defineCommand } from '../command';
import type { CliIo } from '../io';
import { stopUnlessConfirmed, type DeployCli, invalidConfig, openDeployCli, refusalText, stopBefore, whoApproves } from './deployShared';
import { shortSha } from '../../core/format';
import { jsonText } from '../jsonText';
import { envSecretMask } from '../secretSource';
import { readRedNow, slotChangeRedGreenText, type RedNow } from '../../core/redgreen';

const OPTIONS = [
  { name: 'yes', type: 'boolean', short: 'y' },
  { name: 'json', type: 'boolean' },
  { name: 'config', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;
const SWITCH_OPTIONS = [...OPTIONS, { name: 'to', type: 'string' }] as const satisfies readonly OptionSpec[];

/** What a person who said no is told. */
const NOTHING_CHANGED = 'nothing changed';

/** Exit codes, with what `name` refuses on. */
const exits = (refusals: string): string => `Exit codes: 0 done, 1 the switch script failed (the live slot is unchanged), 2 usage,
config error or refused (${refusals}, another deploy in progress, a secret
deploy.env needs is not set, no --yes where nobody can be asked), 130 cancelled or not
confirmed.`;

export const switchCommand = defineCommand({
  name: 'switch',
  summary: 'make the other blue/green slot live',
  options: SWITCH_OPTIONS,
  help: `Usage: gearshift switch [--to SLOT] [--yes] [--json] [--config PATH]

Runs \`deploy.switch\` to make the idle slot live: the one that is not live now. Refused
when that slot holds no complete release (nothing deployed there yet, or its deploy failed
or was cancelled). Asks first unless --yes; in CI or without a terminal, --yes is needed.
A switch that ran (done, failed or cancelled) is recorded in history (trigger \`switch\`).

If a switch was interrupted (its process killed, or cancelled, while the script ran), which
slot is live is unknown: deploy, switch, rollback and keep refuse, naming both slots. Check which
slot serves traffic, then \`gearshift switch --to SLOT\`: the script runs again for SLOT,
and deploy.json records SLOT as live and the other slot as the rollback target.

Options:
  --to SLOT       the slot to make live (default: the idle one)
  -y, --yes       switch without asking
  --json          stdout gets one JSON object: {"result", "message", "live", "sha", "run"}
  --config PATH   the pipeline file
  -h, --help      show this help

${CONFIG_LOOKUP_HELP}

${exits('nothing to switch to')}
`,
  run: async (opts, io) => withCli(opts, io, async (cli, who) => {
    const plan = await planSwitch(cli.engine, opts.to);
    if (plan.kind === 'invalid') { return invalidConfig(plan.errors, io); }
    if (plan.kind === 'refused') { return stopBefore(cli, io, 'switch', { result: 'refused', message: refusalText('switch', plan) }); }
    const from = plan.from !== undefined ? ` from ${plan.from}${plan.fromSha ? ` (${shortSha(plan.fromSha)})` : ''}` : '';
    if (plan.warning) { cli.out.write(`! ${plan.warning}\n`); }
    const question = plan.overInterrupted === true ? `Make ${plan.to} (${shortSha(plan.sha)}) live?` : `Switch production${from} to ${plan.to} (${shortSha(plan.sha)})?`;
    const no = await stopUnlessConfirmed(question, opts.yes === true, 'switching production', io, cli.signal, NOTHING_CHANGED);
    if (no) { return stopBefore(cli, io, 'switch', no); }
    // Asked: the answer was to this plan; a deploy elsewhere while the question was open makes it refuse.
    const asked = opts.yes === true ? {} : { confirmed: plan };
    const before = await readRedNow(() => cli.engine.history());
    return finish(cli, io, 'switch', await switchSlot(cli.engine, { approvedBy: who, signal: cli.signal, ...asked, ...(opts.to !== undefined ? { to: opts.to } : {}) }), before);
  }),
});

export const rollbackCommand = defineCommand({
  name: 'rollback',
  summary: 'roll production back to the release before',
  options: OPTIONS,
  help: `Usage: gearshift rollback [--yes] [--json] [--config PATH]

With blue/green (\`deploy:\`) switches back to the previous slot, which holds the release
live before the current one: instant, nothing rebuilt. Without it, redeploys the previous
good production commit through the production stages (in a clean worktree when HEAD
differs). The question names the release taken out and the one brought back. Recorded in
history (\`rollback: true\`), so the gear gauge counts the deploy it undid as a failed change.
Asks first unless --yes.

A release that tripped monitoring, or that a rollback already took out, is never a rollback
target: a second rollback does not put back what the first one removed. Right after a
rollback it is refused as "already rolled back: blue is live (5f161ce9)"; to make the release
taken out live again on purpose, use \`gearshift switch\` (blue/green) or deploy it again. A
new deploy of the same commit is a rollback target again.

Options:
  -y, --yes       roll back without asking
  --json          stdout gets one JSON object: {"result", "message", "via", …}
  --config PATH   the pipeline file
  -h, --help      show this help

${CONFIG_LOOKUP_HELP}

${exits('nothing to roll back to, already rolled back, a live slot not in deploy.slots')}
`,
  run: async (opts, io) => withCli(opts, io, async (cli, who) => {
    const plan = await planRollbackNow(cli.engine);
    if (plan.kind === 'invalid') { return invalidConfig(plan.errors, io); }
    if (plan.kind === 'refused') { return stopBefore(cli, io, 'rollback', { result: 'refused', message: refusalText('rollback', plan) }); }
    // Subjects are data (escaped); masked as the deploy's plan is (a subject may hold a secret).
    const question = envSecretMask(io.env)(rollbackQuestion(plan, 'escape'));
    const no = await stopUnlessConfirmed(question, opts.yes === true, 'rolling production back', io, cli.signal, NOTHING_CHANGED);
    if (no) { return stopBefore(cli, io, 'rollback', no); }
    const asked = opts.yes === true ? {} : plan.kind === 'switch' ? { confirmed: plan } : { confirmedRedeploy: plan.sha };
    const before = await readRedNow(() => cli.engine.history());
    return finish(cli, io, 'rollback', await rollbackProduction(cli.engine, { approvedBy: who, signal: cli.signal, trigger: 'rollback', ...asked }), before);
  }),
});

async function withCli(opts: Options, io: CliIo, body: (cli: DeployCli, approvedBy: string) => Promise<number>): Promise<number> {
  const cli = await openDeployCli(opts, io);
  try {
    return await body(cli, await whoApproves(cli.engine.folder, io));
  } finally {
    await cli.close();
  }
}

/** `before`: the red open before the switch or rollback, so its end (or that it goes on) is said as the editor says it (one line after the verdict). */
async function finish(cli: DeployCli, io: CliIo, name: 'switch' | 'rollback', o: SlotOutcome | RollbackOutcome, before: RedNow | undefined): Promise<number> {
  if (o.result === 'invalid') { return invalidConfig(o.errors, io); }
  const redGreen = o.result === 'ok' ? slotChangeRedGreenText(name, before, await readRedNow(() => cli.engine.history()), Date.now()) : undefined;
  if (redGreen) { cli.out.write(`  ${redGreen}\n`); }
  if (cli.json) {
    const { record, history, ...rest } = o as SlotOutcome & { record?: unknown; history?: unknown; run?: unknown };
    // A redeploy is a run: masked with its secrets, as run --json is (a switch's record is masked in core).
    io.stdout.write(`${jsonText(cli.engine.secrets.mask({ ...rest, ...(record ? { record } : {}), ...(history ? { run: history } : {}) }))}\n`);
  }
  // The verdict line is already out (the operation's end event); a refusal before it started is not.
  if (o.result === 'refused' && !cli.json) { io.stderr.write(`gearshift ${name}: ${refusalText(name, o)}\n`); }
  return exitCodeOf(o.result);
}
