/**
 * The flags of a repository as rows: per file (= environment) and flag, what it serves to
 * everyone, when that last changed, how many places reference it, and whether it is stale.
 * This is `gearshift flags list --json`'s shape and the editor view's model.
 */
import { servedAges, type FlagAge } from './age';
import { fileErrors, type FlagsContext, type LoadedFlagsFile, loadFlagsFiles } from './load';
import { findReferences, type Reference, type ReferenceResult } from './references';
import { servesOneValue } from './single';
import type { FlagFileError, FlagState, JsonValue } from './types';
import { ALL_ENVIRONMENTS, DEFAULT_FLAGS } from '../config';

export interface FlagRow {
  readonly key: string;
  readonly state: FlagState;
  readonly defaultVariant: string | null;
  readonly variants: Readonly<Record<string, JsonValue>>;
  /** What flagd serves with no context; null = the code default. */
  readonly value: JsonValue;
  readonly environment: string;
  readonly stale: boolean;
  /** ISO time the served value last changed (git history), or null when unknown (file not committed). */
  readonly lastChanged: string | null;
  /** Number of places in the code (a lower bound when the search stopped early); null when the search did not or could not run. */
  readonly references: number | null;
}

export interface FlagListing {
  readonly rows: readonly FlagRow[];
  /** Absolute path and 1-based line of each row's key, in row order (not part of the JSON shape). */
  readonly places: readonly { readonly file: string; readonly line: number }[];
  readonly references?: ReferenceResult;
  /** "the flags files' git history could not be read (why)": no age is known, so nothing can be called stale. */
  readonly agesProblem?: string;
  readonly errors: readonly FlagFileError[];
  readonly files: readonly LoadedFlagsFile[];
}

export interface ListOptions {
  /** Only the files this environment reads: its own, else the `default` one. */
  readonly env?: string;
  /** Search the code for each key (default true). */
  readonly references?: boolean | ReferenceResult;
  readonly now?: Date;
  /** Read the git history of the files for ages and staleness (default true). */
  readonly gitHistory?: boolean;
}

export async function listFlags(ctx: FlagsContext, options: ListOptions = {}): Promise<FlagListing> {
  const now = options.now ?? new Date();
  const all = await loadFlagsFiles(ctx);
  const files = filesReadBy(all, options.env);
  const keys = [...new Set(files.flatMap((f) => (f.result?.ok ? f.result.flags.map((x) => x.key) : [])))];
  const refs = typeof options.references === 'object' ? options.references
    : options.references === false ? undefined
      : await findReferences(ctx.root, keys, { exclude: all.map((f) => f.ref.path) });
  const staleAfterMs = ctx.config?.staleAfterMs ?? DEFAULT_FLAGS.staleAfterMs;
  const rows: FlagRow[] = [];
  let agesProblem: string | undefined;
  const places: { file: string; line: number }[] = [];
  for (const f of files) {
    if (!f.result?.ok) { continue; }
    const known = options.gitHistory === false ? { ages: new Map<string, FlagAge>() } : await servedAges(ctx.root, f.ref.path, f.result, now);
    if (known.problem !== undefined) { agesProblem ??= `the flags files' git history could not be read (${known.problem})`; }
    const ages = known.ages;
    for (const flag of f.result.flags) {
      const age = ages.get(flag.key) ?? {};
      rows.push({
        key: flag.key, state: flag.state, defaultVariant: flag.defaultVariant, variants: flag.variants,
        value: f.result.served.get(flag.key)?.value ?? null, environment: f.ref.environment,
        stale: isStale(age, servesOneValue(flag), staleAfterMs, now),
        lastChanged: age.since && !age.uncommitted ? age.since.toISOString() : age.uncommitted ? now.toISOString() : null,
        // A search that could not run knows nothing: 0 would read as "dead, delete it".
        references: refs && refs.problem === undefined ? (refs.byKey.get(flag.key)?.length ?? 0) : null,
      });
      places.push({ file: f.ref.path, line: flag.line });
    }
  }
  return { rows, places, ...(refs ? { references: refs } : {}), ...(agesProblem !== undefined ? { agesProblem } : {}), errors: fileErrors(files), files: all };
}

export function isStale(age: FlagAge, oneValue: boolean, staleAfterMs: number, now: Date): boolean {
  return oneValue && age.since !== undefined && !age.uncommitted && now.getTime() - age.since.getTime() >= staleAfterMs;
}

export type { Reference };

/**
 * The files an environment reads: its own, else the one every environment reads (`default`), so
 * `list --env production` beside a lone flags.json shows what production serves, not "No flags" (walk29 L3).
 */
function filesReadBy(all: readonly LoadedFlagsFile[], env: string | undefined): LoadedFlagsFile[] {
  if (env === undefined) { return [...all]; }
  const own = all.filter((f) => f.ref.environment === env);
  return own.length > 0 ? own : all.filter((f) => f.ref.environment === ALL_ENVIRONMENTS);
}
