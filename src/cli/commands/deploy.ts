/** `gearshift deploy non-prod|production`: the palette's deploy commands in a terminal. */
import { confirmedSlots, deployNonProd, deployProduction, type DeployRunOutcome, exitCodeOf, planProductionDeploy } from '../../core/release';
import { withWaitingGate } from './deployGateWait';
import { printable, shortSha } from '../../core/format';
import { missingSecretsMessage } from '../../core/secrets';
import { type OptionSpec, type OptionValues, UsageError } from '../args';
import { argText } from '../argText';
import { CONFIG_LOOKUP_HELP, defineCommand } from '../command';
import type { CliIo } from '../io';
import { stopUnlessConfirmed, type DeployCli, invalidConfig, openDeployCli, type Stop, stopBefore, whoApproves } from './deployShared';
import { nobodyToAsk } from '../confirm';
import { decideInconclusive } from './decision';
import { redRefusalMessage } from '../redRefusal';
import { sayIfStillRed, stillRedJson } from '../stillRed';
import { envSecretMask } from '../secretSource';
import { jsonText } from '../jsonText';
import { describePlan } from '../planText';

const OPTIONS = [
  { name: 'target', type: 'positional' },
  { name: 'yes', type: 'boolean', short: 'y' },
  { name: 'override-red', type: 'boolean' },
  { name: 'json', type: 'boolean' },
  { name: 'config', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'deploy to non-prod, or through production (blue/green, monitoring)',
  options: OPTIONS,
  help: `Usage: gearshift deploy non-prod|production [--yes] [--override-red] [--json] [--config PATH]

non-prod     runs every \`environment: non-prod\` stage and the stages it needs (no
             production stage). On green the commit is recorded as the last non-prod pass.
production   runs the whole pipeline through production for HEAD. With \`deploy:\` the
             production stages deploy into the idle blue/green slot (GEARSHIFT_SLOT) and
             \`deploy.switch\` makes it live once every stage passed; with \`monitor:\` the
             probes are watched for the window after the switch, and an alert turns the run
             red (and, with \`autoRollback: true\`, switches back).

Before a production deploy gearshift shows the commit, the commits since the last
production deploy and the target slot, and asks "Deploy …? [y/N]" — unless --yes. In CI
(CI=true) or without a terminal nobody can answer: without --yes it refuses (exit 2).
While the pipeline is red a production deploy is refused unless --override-red (the
override is recorded in history). One deploy at a time per pipeline: a deploy running
elsewhere (the editor, another terminal) is named and this one is refused.

Options:
  -y, --yes         deploy without asking; also approves \`approval: manual\` stages
  --override-red    deploy to production although the pipeline is red
  --json            progress goes to stderr; stdout gets one JSON object:
                    {"result", "message", "run", "deploy"}
  --config PATH     the pipeline file
  -h, --help        show this help

Ctrl+C cancels: before the switch the live slot stays as it was; after it, only the
monitoring stops (the release stays live).

${CONFIG_LOOKUP_HELP}

Monitoring can also end inconclusive (\`monitor.consecutiveErrorLimit\` probe errors in a
row, a rate in the \`monitor.inconclusive\` range, a probe that measured nothing): the
release stays live and production deploys wait for a person. At a terminal you are asked
to keep it or roll back; with --yes, in CI or without a terminal it exits 3 and
\`gearshift keep\` / \`gearshift rollback\` decide later.

Exit codes: 0 deployed, 1 a stage or the switch failed, or a production alert, 2 usage,
config error or refused, 3 inconclusive (the release waits for a decision), 130
cancelled or not confirmed.
`,
  run,
});

async function run(opts: Options, io: CliIo): Promise<number> {
  const target = opts.target;
  if (target === undefined) { throw new UsageError('say where to deploy: non-prod or production'); }
  if (target !== 'non-prod' && target !== 'production') { throw new UsageError(`unknown target '${argText(target)}': use non-prod or production`); }
  if (target === 'non-prod' && opts['override-red'] === true) { throw new UsageError('--override-red is for production deploys'); }
  const cli = await openDeployCli(opts, io);
  try {
    const approvedBy = await whoApproves(cli.engine.folder, io);
    if (target === 'non-prod') { return await finish(cli, io, await deployNonProd(cli.engine, { trigger: 'cli', approvedBy, signal: cli.signal }), opts); }
    return await production(cli, io, opts, approvedBy);
  } finally {
    await cli.close();
  }
}

async function production(cli: DeployCli, io: CliIo, opts: Options, approvedBy: string): Promise<number> {
  const overrideRed = opts['override-red'] === true;
  const plan = await planProductionDeploy(cli.engine);
  if (plan.kind === 'invalid') { return invalidConfig(plan.errors, io); }
  // Refused before anything runs: the JSON object has no run and no deploy.
  const stop = (s: Stop): number => stopBefore(cli, io, 'deploy', s, { run: null, deploy: null });
  // Red, or nobody to answer (CI): refused before the summary, which would only be read to learn it was for nothing (walkcli32 L12).
  // A block or missing secrets keep their refusal after the summary, first, as before.
  if (!plan.blocked && !plan.missingSecrets) {
    if (plan.red && !overrideRed) { return stop({ result: 'refused', message: redRefusalMessage(plan.red.message) }); }
    const unasked = plan.productionStages.length > 0 ? nobodyToAsk(opts.yes === true, 'deploying to production', io) : undefined;
    if (unasked) { return stop(unasked); }
  }
  // Before the run resolves its secrets: masked with every GEARSHIFT_SECRET_* (a subject or branch may hold one).
  // No production stage: no plan to show, only the refusal.
  if (plan.productionStages.length > 0) { cli.out.write(envSecretMask(io.env)(describePlan(plan, overrideRed))); }
  if (plan.blocked) { return stop({ result: 'refused', message: `not deploying: ${plan.blocked}` }); }
  if (plan.missingSecrets) { // before the question: a yes would only be refused
    return stop({ result: 'refused', message: `not deploying: ${missingSecretsMessage(plan.missingSecrets, 'cli')}` });
  }
  if (plan.red && !overrideRed) {
    return stop({ result: 'refused', message: redRefusalMessage(plan.red.message) });
  }
  const where = plan.targetSlot ? ` (slot ${printable(plan.targetSlot)})` : '';
  const no = await stopUnlessConfirmed(`Deploy ${shortSha(plan.sha)} to production${where}?`, opts.yes === true, 'deploying to production', io, cli.signal, 'not deployed');
  if (no) { return stop(no); }
  // What was shown and confirmed is what deploys: a commit made meanwhile is refused, and so is a deploy from elsewhere that moved the slots.
  const expectSlots = confirmedSlots(plan);
  return finish(cli, io, await deployProduction(cli.engine, { trigger: 'cli', approvedBy, overrideRed, signal: cli.signal, expectSha: plan.sha, ...(expectSlots ? { expectSlots } : {}) }), opts);
}

/** The outcome's sentence last (the run's summary table is above it), or the JSON object. */
async function finish(cli: DeployCli, io: CliIo, o: DeployRunOutcome, opts: Options): Promise<number> {
  if (o.result === 'invalid') { return invalidConfig(o.errors, io); }
  const record = 'record' in o ? o.record ?? null : null;
  // A non-prod deploy after a production failure, or one through production with --override-red, may leave it red.
  const stillRed = record ? await sayIfStillRed(cli.engine, record, cli.out, cli.color, io) : undefined;
  if (cli.json) {
    // Masked as run --json's record is: the run's secrets, in every field (a branch named like one).
    io.stdout.write(`${jsonText(cli.engine.secrets.mask({
      result: o.result, message: o.message, run: record, deploy: 'deploy' in o ? o.deploy ?? null : null, ...(stillRed ? { stillRed: stillRedJson(stillRed) } : {}),
    }))}\n`);
  }
  // Refused for another process's run: whether it waits at a gate, and how to get on (review39 L7).
  const message = o.result === 'refused' && o.missingSecrets ? missingSecretsMessage(o.missingSecrets, 'cli') : o.result === 'refused' ? await withWaitingGate(cli.engine, o.message) : o.message;
  // Its first line only: further lines are a failed switch script's last lines, printed above as it ran.
  // An alert was said above, once (✖ Production alert, and the rollback or the way to one; walkcli32 L2).
  // Success is a notice, which starts `gearshift:` as cli.md says; a failure or refusal is an error, `gearshift deploy:` (L8).
  const first = printable(message.split('\n')[0]);
  if (o.result === 'ok') { cli.out.write(`gearshift: ${first}\n`); } else if (o.result !== 'alert') { io.stderr.write(`gearshift deploy: ${first}\n`); }
  if (o.result === 'ok' && o.promotable !== undefined) { cli.out.write(`${PROMOTE_HINT}\n`); }
  if (o.result === 'inconclusive') { return decideInconclusive({ engine: cli.engine, io, out: cli.out, yes: opts.yes === true, signal: cli.signal }); }
  return exitCodeOf(o.result);
}

/** The CLI has no promote: say what each way to production ships, so `deploy production` is not taken for one. */
const PROMOTE_HINT = '  to production: the editor\'s Promote Non-Prod Build to Production… runs only its production stages;'
  + ' `gearshift deploy production` runs the whole pipeline again, for HEAD';
