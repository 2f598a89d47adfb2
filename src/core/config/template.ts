import { stringify } from 'yaml';
import { detectCommands, TEMPLATE_STAGES, type DetectedCommands, type TemplateStage } from './detect';
import type { EnvironmentKind } from './types';
import { STARTER_TODO, STARTER_TODO_END } from './starterTodo';

interface StageSpec {
  readonly name: string;
  /** Fills "TODO: put … here" when nothing was detected. */
  readonly what: string;
  readonly environment?: EnvironmentKind;
  readonly approval?: 'manual';
  /** Comment lines above the stage's command. */
  readonly note?: readonly string[];
}

/** The talk's pipeline: test, build, then provision → deploy → verify, first non-prod, then production. */
const SPECS: Readonly<Record<TemplateStage, StageSpec>> = {
  unit: { name: 'Unit Tests', what: 'the command that runs your unit tests' },
  build: { name: 'Build Artifacts', what: 'the command that builds your deployable artifact' },
  provisionNonProd: { name: 'Provision Non-Prod', what: 'the command that creates or updates the non-prod environment', environment: 'non-prod' },
  deployNonProd: { name: 'Deploy Non-Prod', what: 'the command that deploys the artifact to non-prod', environment: 'non-prod' },
  acceptance: { name: 'Acceptance Test', what: 'the command that runs acceptance tests against non-prod', environment: 'non-prod' },
  provisionProd: { name: 'Provision Prod', what: 'the command that creates or updates production', environment: 'production' },
  deployProd: { name: 'Deploy Prod', what: 'the command that deploys the artifact to production', environment: 'production', approval: 'manual' },
  monitor: { name: 'Monitoring', what: 'the command that checks production after a deploy (smoke test, error rate)', environment: 'production',
    note: ['With blue/green (deploy: below) this runs before the switch, against the idle slot: the old release still', 'takes the traffic. To check the new release once it is live, use monitor: (it runs after the switch).'] },
};


const HEADER = `# Gearshift pipeline: the stages that take a commit from your editor to production.
#
# Stages run in order, each in its own shell (/bin/sh -c), from the folder holding this file.
# A stage that exits non-zero turns the pipeline red; the stages waiting for it do not run.
# Stages still saying "TODO" fail on purpose: replace them with your real commands. Nothing to run
# there yet (no test environment, no production)? Delete or comment them out; add them back later.
#
# Per stage you can also set:
#   needs: [Other Stage]  wait for these stages instead of the one before; [] = start at once
#   timeout: 10m          90s | 10m | 1h | 1h30m (default 30m)
#   env: { KEY: value }   extra environment variables (GEARSHIFT_* are set by Gearshift)
#   cwd: packages/api     run in this folder, relative to this file
#   environment: non-prod | production    marks a deploy-side stage
#   approval: manual      ask a person before the stage runs
#
# Check this file with \`gearshift validate\`.
`;

const FOOTER = `
# Blue/green deploys: two slots, and a command that makes the given slot live.
# deploy:
#   strategy: blue-green
#   slots: [blue, green]
#   switch: ./scripts/switch.sh    # receives the slot name in GEARSHIFT_SLOT
# The production stages run before the switch, on the idle slot; the switch runs once they all pass.
# With blue/green a check of production after the deploy belongs in monitor: below (it runs after the switch).
#
# Tell a chat or incident tool when the pipeline turns red (JSON POST).
# alerts:
#   webhook: http://127.0.0.1:9000/hook
#
# Watch production after a deploy; sound the alarm (and optionally roll back) on errors.
# monitor:
#   window: 2m             # how long to watch after a production deploy
#   interval: 5s           # sample every … (default 5s)
#   threshold: 0.1         # alarm when an interval's error rate reaches 10% (default)
#   autoRollback: false    # true: switch back to the previous slot by itself
#   probes:                # each is one of http:, command:, log: + match: or compare: previous-slot (blue/green)
#     - http: http://127.0.0.1:8080/health
#     - log: logs/app.log
#       match: "ERROR|Exception"
#
# How the gear gauge measures you (window and sprint show the defaults).
# gears:
#   window: 90d            # the history the gauge looks at
#   sprint: 14d            # your sprint length: the 2nd gear's bound
#   deployTags: "v*"       # release tags that count as production deploys (none by default)
`;

/**
 * The branch `branches:` names (core/git starterBranch): the remote's default branch, else HEAD's. A string is
 * HEAD's branch alone; undefined: detached with no remote default, or no repository.
 */
export type StarterBranchChoice = string | { name?: string; remote?: string; head?: string };

/** The text of a starter `.gearshift.yml` for `folder`, with commands taken from what is there and `branches:` set to `branch`. */
export async function createTemplate(folder: string, branch?: StarterBranchChoice): Promise<string> {
  return renderTemplate(await detectCommands(folder), branch);
}

/** Pure rendering, separate from detection so it can be tested without a folder. `branch`: written in `branches:`. */
export function renderTemplate(detected: DetectedCommands, branch?: StarterBranchChoice): string {
  const out = [HEADER, 'version: 1', '', '# manual: run from the sidebar, the command palette or `gearshift run`.', '# commit: run on every new local commit.', 'trigger: manual', '',
    '# With trigger: commit, commits that arrive during a run: latest = queue only the newest (default); all = run each in turn,', '# which needs checkout: clean (under workspace only the newest of a burst is HEAD, so only it runs).', '# queue: latest', '',
    '# Where stages run: workspace = this folder as it is (default); clean = a temporary git worktree of exactly the commit.', '# checkout: workspace', '', ...branchLines(branch), '', 'stages:'];
  for (const id of TEMPLATE_STAGES) {
    const spec = SPECS[id];
    const found = detected[id];
    out.push(found ? `  # From ${found.from}.` : '  # Nothing detected for this stage: replace the TODO command.');
    if (spec.note) { out.push(...spec.note.map((line) => `  # ${line}`)); }
    out.push(`  - name: ${scalar(spec.name)}`);
    out.push(`    run: ${scalar(found ? found.run : `${STARTER_TODO}${spec.what}${STARTER_TODO_END}`)}`);
    if (spec.environment) { out.push(`    environment: ${spec.environment}`); }
    if (spec.approval) { out.push(`    approval: ${spec.approval}`); }
  }
  return `${out.join('\n')}\n${FOOTER}`;
}

/**
 * `branches:` on, with HEAD's branch: without it, `trigger: commit` deploys every branch's commits (a feature
 * branch's, a detached HEAD's) to production (review40 M1). Detached: left out, with the way to add it (a
 * guessed name that is no branch would silently run nothing); so is a name `branches:` refuses (a leading `!`).
 */
function branchLines(choice: StarterBranchChoice | undefined): string[] {
  const why = '# Only commits on these branches trigger runs (globs allowed); without this line every branch\'s commits';
  const { name, remote, head } = typeof choice === 'string' ? { name: choice, remote: undefined, head: choice } : choice ?? {};
  if (name === undefined || name.startsWith('!')) {
    return [why, '# run, and deploy to production. HEAD was detached when this file was written: name your main branch.', '# branches: [main]'];
  }
  const lines = [why, '# run, and deploy to production: a feature branch would ship on its first commit.'];
  // readdiff40 R4: on a feature branch, HEAD's name would leave the mainline out; say why another branch is named.
  if (remote !== undefined && head !== name) { lines.push(`# ${commentText(name)} is ${commentText(remote)}'s default branch (${headWords(head)} when this file was written).`); }
  return [...lines, `branches: [${flowItem(name)}]`];
}

/** Where HEAD was, for the remote-default comment. */
function headWords(head: string | undefined): string {
  if (head === undefined) { return 'HEAD unknown'; }
  return head === '' ? 'HEAD was detached' : `HEAD was on ${commentText(head)}`;
}

/** A name inside a YAML comment: one line whatever it holds (a line break would start YAML). */
function commentText(name: string): string {
  return /^[\x21-\x7e]+$/.test(name) ? name : JSON.stringify(name);
}

/** A branch name inside `[ ]`: plain when it is only name characters, else double-quoted (JSON is valid YAML). */
function flowItem(name: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name) ? name : JSON.stringify(name);
}

/** One YAML scalar, quoted by the yaml library when needed (a command may hold `: ` or `#`). */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}
