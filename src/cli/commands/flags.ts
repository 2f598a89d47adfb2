/** `gearshift flags list|set|stale|undo`: the team's feature toggles (flagd format) from a terminal. */
import { ALL_ENVIRONMENTS, ENVIRONMENT_FLAGS_FILES, alreadyText, FlagChangeError, formatFlagErrors, listFlags, setFlagValue, undeclaredFlagsFiles, undoLastToggle, type ChangeOutcome, type ReferenceResult } from '../../core/flags';
import { printable } from '../../core/format';
import { type OptionSpec, type OptionValues, UsageError } from '../args';
import { argText } from '../argText';
import { CliError, EXIT, defineCommand } from '../command';
import type { CliIo } from '../io';
import { openFlagsCli, type FlagsCli } from './flagsLoad';
import { confirmSet, confirmUndo } from './flagsConfirm';
import { offNote } from './flagsOffNote';
import { shipNote } from './flagsShipNote';
import { addEverywhere } from './flagsAdd';
import { flagsTable, noFlagsFileText, staleText } from './flagsText';
import { whichNote } from './flagsWhich';
import { jsonText } from '../jsonText';
import { displayPath } from '../paths';

const OPTIONS = [
  { name: 'action', type: 'positional' },
  { name: 'key', type: 'positional' },
  { name: 'value', type: 'positional' },
  { name: 'env', type: 'string' },
  { name: 'state', type: 'string' },
  { name: 'json', type: 'boolean' },
  { name: 'yes', type: 'boolean', short: 'y' },
  { name: 'config', type: 'string' },
] as const satisfies readonly OptionSpec[];
type Options = OptionValues<typeof OPTIONS>;

export const flagsCommand = defineCommand({
  name: 'flags',
  summary: 'feature toggles (flagd format): list, set, add, stale, undo',
  options: OPTIONS,
  help: `Usage: gearshift flags list|set|add|stale|undo [KEY] [on|off|VARIANT] [--env E] [--state enabled|disabled] [--yes] [--json] [--config PATH]

list    every flag per environment: state, default variant, the value flagd serves to
        everyone, when that last changed (git history of the flags file), how many places
        in the code name the key (git grep -F), and whether it is stale.
set KEY on|off|VARIANT [--state enabled|disabled]
        on/off make the variant whose value is true/false the default variant; any other
        word names a variant. --state sets flagd's state. Only that value changes in the
        file; the change is recorded in history (who, when, environment, old -> new).
        off means flagd serves off: a flag whose targeting still picks on is disabled
        instead (flagd then serves the code default); when targeting can still serve on
        to some requests (a user list), a line says so.
add KEY a new boolean toggle (variants on/off), off, in every flags file, as the
        editor's Add Feature Toggle adds it. Refused (exit 2, nothing written) when a
        file already has the key or is invalid, or there is no flags file yet.
stale   flags that served one value to everyone for longer than flags.staleAfter (30d),
        with the places that still reference them: the code to delete.
undo    undo the last toggle change recorded in history.

A set or undo that serves anything but off in production (flags.production.json, or the
one file every environment reads when there is none; judged by flagd's evaluation of the
file after the change, targeting included) asks "Change KEY to serve … in production's
flags file (FILE)? [y/N]" first, as a production deploy does; --yes answers it.
The change is to that file only: with no flags.deployStage, a line after it says that
production serves it once the file is committed and deployed (gearshift deploy production). In CI (CI=true) or without a
terminal nobody can answer: without --yes it is refused (exit 2) and nothing changes.
Turning a flag off is never asked: it is the way back.

Under checkout: clean the stage that ships flag changes (flags.deployStage) runs a
checkout of HEAD: a set or undo whose flags file is not committed says so ("! flags.json
is not committed: … ships this change only once flags.json is committed").

Files: flags: in .gearshift.yml, else flags.json (or .gearshift/flags.json) and
flags.non-prod.json / flags.production.json. With several files, set needs --env.
From a folder without its own .gearshift.yml (the pipeline above is used), or when
another pipeline reads the same file, a first line names both:
  Pipeline ../../.gearshift.yml, flags file ../api/flags.json (also read by ../api/.gearshift.yml)

Options:
  --env E          one environment (default, non-prod, production)
  --state S        enabled or disabled (set)
  -y, --yes        set/undo: serve in production without asking
  --json           list/stale: a JSON array of {key, state, defaultVariant, variants,
                   value, environment, stale, lastChanged, references}
  --config PATH    the .gearshift.yml to read flags: from
  -h, --help       show this help

Exit codes: 0 ok, 2 usage error, an invalid flags file or one outside the repository
(file:line:col on stderr; nothing is written), or a production change nobody could
confirm, 1 a change could not be written (read-only file, changed on disk meanwhile),
130 the production question answered no.
`,
  run,
});

/** The names --env takes; any other (a typo such as `prod`) would list nothing and look like "No flags". */
const ENVIRONMENTS: readonly string[] = [ALL_ENVIRONMENTS, ...ENVIRONMENT_FLAGS_FILES.map(([env]) => env)];

async function run(opts: Options, io: CliIo): Promise<number> {
  const action = opts.action;
  if (opts.env !== undefined && !ENVIRONMENTS.includes(opts.env)) {
    throw new UsageError(`--env must be ${ENVIRONMENTS.join(', ')}, not '${argText(opts.env)}'`);
  }
  if (action === 'list' || action === 'stale') { noneOf(opts, ['key', 'value', 'state', 'yes']); return list(opts, io, action === 'stale'); }
  if (action === 'set') { return set(opts, io); }
  if (action === 'add') { noneOf(opts, ['value', 'state', 'env', 'yes', 'json']); return add(opts, io); }
  if (action === 'undo') { noneOf(opts, ['key', 'value', 'state', 'env']); return change(io, opts, (cli) => undo(cli, opts, io)); }
  throw new UsageError(action === undefined ? 'say what to do: list, set, add, stale or undo' : `unknown action '${argText(action)}'; use list, set, add, stale or undo`);
}

function noneOf(opts: Options, names: readonly (keyof Options)[]): void {
  for (const n of names) { if (opts[n] !== undefined) { throw new UsageError(n === 'key' || n === 'value' ? `unexpected argument '${argText(String(opts[n]))}'` : `--${n} does not apply here`); } }
}

async function list(opts: Options, io: CliIo, staleOnly: boolean): Promise<number> {
  const cli = await openFlagsCli(io, opts.config);
  const listing = await listFlags(cli.ctx, { ...(opts.env !== undefined ? { env: opts.env } : {}) });
  if (listing.errors.length > 0) { io.stderr.write(formatFlagErrors(listing.errors)); }
  const rows = staleOnly ? listing.rows.filter((r) => r.stale) : listing.rows;
  if (opts.json !== true) { io.stdout.write(await whichNote(cli, listing.files.map((f) => f.ref.path), io.cwd)); }
  // No file: say why a flags.json there is left alone (no flagd $schema without .gearshift.yml), as the view does.
  const noFile = noFlagsFileText(listing.files.length === 0 ? await undeclaredFlagsFiles(cli.ctx) : [], io.cwd);
  // A broken file is not 'No flags.', nor `[]`: what did load is shown, and the exit code says the rest.
  if (rows.length > 0 || listing.errors.length === 0) { io.stdout.write(opts.json === true ? `${jsonText(rows)}\n` : staleOnly ? staleText(listing, rows) : flagsTable(rows, listing, noFile)); }
  io.stderr.write(referenceWarning(listing.references));
  if (listing.agesProblem !== undefined) { io.stderr.write(`gearshift flags: staleness unknown: ${printable(listing.agesProblem)}\n`); }
  return listing.errors.length > 0 ? EXIT.usage : EXIT.ok;
}

/** Why REFS shows `-` or lower bounds; empty when the counts are whole. */
function referenceWarning(refs: ReferenceResult | undefined): string {
  if (refs?.problem !== undefined) { return `gearshift flags: the code was not searched for references (${printable(refs.problem)}); REFS shows -\n`; }
  return refs?.incomplete === true ? 'gearshift flags: the reference search stopped early (time or size bound); counts are lower bounds\n' : '';
}

async function set(opts: Options, io: CliIo): Promise<number> {
  if (opts.key === undefined) { throw new UsageError('set needs a flag key'); }
  const state = opts.state === undefined ? undefined : opts.state.toLowerCase() === 'enabled' ? 'ENABLED' : opts.state.toLowerCase() === 'disabled' ? 'DISABLED' : undefined;
  if (opts.state !== undefined && state === undefined) { throw new UsageError(`--state must be enabled or disabled, not '${argText(opts.state)}'`); }
  const key = opts.key;
  return change(io, opts, async (cli) => {
    await confirmSet(cli, { key, word: opts.value, state, env: opts.env }, opts.yes === true, io);
    return setFlagValue(cli.ctx, key, opts.value, { ...(opts.env !== undefined ? { env: opts.env } : {}), ...(state ? { state } : {}), who: await cli.who() });
  }, (cli, outcome) => (opts.value === 'off' && state === undefined ? offNote(cli, key, opts.env, outcome) : Promise.resolve('')),
  (outcome) => alreadyText(key, opts.value ?? (state === 'ENABLED' ? 'enabled' : 'disabled'), outcome.environment));
}

/** Bound to the change read (and asked about): a newer one made meanwhile is refused, not undone in its place. */
async function undo(cli: FlagsCli, opts: Options, io: CliIo): Promise<ChangeOutcome> {
  const asked = await confirmUndo(cli, opts.yes === true, io);
  return undoLastToggle(cli.ctx, await cli.who(), asked ? { expectId: asked.id } : {});
}

/**
 * `note`: what to add after the change's lines (why `off` disabled a flag, who still gets on).
 * `already`: what to say when nothing changed, naming the flag as the editor does (core/flags alreadyText).
 */
async function change(
  io: CliIo, opts: Options, act: (cli: FlagsCli) => Promise<ChangeOutcome>,
  note?: (cli: FlagsCli, outcome: ChangeOutcome) => Promise<string>, already?: (outcome: ChangeOutcome) => string,
): Promise<number> {
  const cli = await openFlagsCli(io, opts.config);
  const outcome = await refusalsAsCliErrors(() => act(cli));
  io.stdout.write(await whichNote(cli, [outcome.file], io.cwd));
  if (outcome.changes.length === 0) { io.stdout.write(`Nothing to change: ${already ? printable(already(outcome)) : 'the flag already is that way'}.\n`); }
  io.stdout.write(changeLines(outcome));
  io.stdout.write(await note?.(cli, outcome) ?? '');
  io.stdout.write(await shipNote(cli, outcome, io.cwd) ?? '');
  return EXIT.ok;
}

/** `flags add KEY`: the editor's Add Feature Toggle (flagsAdd.ts), one line per file, then how it ships. */
async function add(opts: Options, io: CliIo): Promise<number> {
  const key = opts.key;
  if (key === undefined) { throw new UsageError('add needs a flag key, e.g. `gearshift flags add new-checkout`'); }
  const cli = await openFlagsCli(io, opts.config);
  const { outcomes, kept } = await refusalsAsCliErrors(() => addEverywhere(cli, key, io.cwd));
  io.stdout.write(await whichNote(cli, outcomes.map((o) => o.file), io.cwd));
  for (const o of outcomes) { io.stdout.write(changeLines(o)); }
  for (const file of kept) { io.stdout.write(`${printable(key)}: already in ${printable(displayPath(file, io.cwd))}, left as it is\n`); }
  for (const o of outcomes) { io.stdout.write(await shipNote(cli, o, io.cwd) ?? ''); }
  return EXIT.ok;
}

/** A change core/flags refused: exit 2 for a usage problem, 1 when it could not be written. */
async function refusalsAsCliErrors<T>(act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (e) {
    if (e instanceof FlagChangeError) { throw new CliError(e.message.split('\n').map((l) => printable(l)).join('\n'), e.reason === 'conflict' || e.reason === 'io' ? EXIT.red : EXIT.usage); }
    throw e;
  }
}

function changeLines(outcome: ChangeOutcome): string {
  return outcome.changes.map((c) => `${printable(c.key)} (${printable(c.environment)}): ${c.field}${c.field === 'added' ? '' : ` ${printable(JSON.stringify(c.from))} -> ${printable(JSON.stringify(c.to))}`}${c.undoOf ? ' (undo)' : ''}\n`).join('');
}
