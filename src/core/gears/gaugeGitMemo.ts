/**
 * Git's answers for the gauge, kept between `gearshift status --json` / `gear` calls in
 * `.git/gearshift/gauge-git.json` (beside the window cache), so a call where HEAD has not
 * moved starts no git process for them (docs/benchmarks-journal.md, 14j).
 *
 * Kept: the window's `git log` of HEAD as a commit graph's typed columns (no text to parse on
 * a call, 14o), the reverts' `git log --grep` (both read with one `--max-age` bound B), the
 * logs of deployed commits off HEAD's history (each with its own bound; only an answer git gave
 * with every commit it names in the object store: a missing one can come back with no HEAD or
 * keyed file moving, a `git fetch` of a branch deleted and pruned here), the answers about the
 * parents of the window's edge, and which deploy first reached each commit of the graph (the
 * graph the loads named in `owners.loads` make), so a call with the same deploys claims none.
 * The texts depend on HEAD's commit and on `now` only through B, and a walk with a later bound
 * B' (the clock moved on) lists exactly the same commits as long as none it listed is older
 * than B' (git drops a commit older than the bound and does not walk past it; every commit the
 * walk listed is at least B'; every one it left out was older than B, so older than B' too).
 * So a memo read at B answers for any B' in [B, oldest commit listed], and nothing else.
 * Everything else that could change git's answer for the same HEAD is part of the key: the
 * repository's (and the worktree's) and the user's git config, packed-refs, refs/replace,
 * info/grafts, shallow, alternates, and this file's format (the git arguments themselves). A
 * config that includes other files turns the memo off (memoKey).
 * A memo for an older HEAD whose key is otherwise the same is stepped when the new HEAD is a
 * line of plain loose commits on top of it (gaugeGitStep.ts, 14g step 4): the log gains them in
 * front, the reverts' text stays (none of them can match), the bound B stays and the oldest
 * commit is the older of the two (a child dated before its parent lowers it), so the rule above
 * still says for which bounds it answers; the tip loads (their queries name the old HEAD) and
 * the owners of their graph go, the other owners shift by the commits added (no old deploy
 * reaches them). Anything else is a miss, as before.
 * Written atomically (temp + rename); a missing, torn, foreign or stale file is a miss and
 * is written again. Edge answers are about immutable commits, kept as long as the rest.
 */
import * as os from 'os';
import * as path from 'path';
import { fileIo } from '../fileio';
import { sweepStaleTemps } from '../history';
import { decodeGraph, decodeOwners, encodeGraph, encodeOwners, type EncodedGraph, type EncodedOwners, type GraphColumns, type OwnerColumns } from '../git';
import { commitsOnTop, stepGraph, stepOwners } from './gaugeGitStep';

export const GAUGE_GIT_FILE = 'gauge-git.json';
/** Bump when what is kept, or the git arguments that produce it, change. */
const FORMAT = 'gauge-git 3';
const MAX_EDGES = 8;
const MAX_LOADS = 16;

interface MemoData {
  format: string;
  key: string;
  /** The --max-age bound (seconds) the texts were read with. */
  maxAge: number;
  /** The oldest commit time (seconds) the log listed; null when it listed none. */
  oldest: number | null;
  /** HEAD's bounded log as a CommitGraph's columns. */
  graph: EncodedGraph;
  reverts: string;
  edges: [string, number | null][];
  /** Logs of deployed commits off HEAD's history (query: tips and ^exclusions), each with its own bound. */
  loads: TipLoad[];
  /** Commit owners for the graph that HEAD's log and then these tip loads (queries, in order) make. */
  owners?: KeptOwners;
}

interface KeptOwners extends EncodedOwners { loads: string[] }

interface TipLoad { query: string; maxAge: number; oldest: number | null; text: string }

/** A memo kept for `from`, an older HEAD, in a repository where nothing else in the key changed since. */
interface Prior { data: MemoData; from: string; head: string; commonDir: string }

/** The kept graph of HEAD's log and the reverts' log text. */
export interface GitAnswers { graph: GraphColumns; reverts: string }

export class GaugeGitMemo {
  private changed = false;
  private edges: [string, number | null][];
  private loads: TipLoad[];
  private owned: KeptOwners | undefined;

  private constructor(
    private readonly file: string, private readonly key: string, private data: MemoData | undefined, private graph?: GraphColumns, private prior?: Prior,
  ) {
    this.edges = data?.edges ?? [];
    this.loads = data?.loads ?? [];
    this.owned = data?.owners;
  }

  /**
   * The memo for `head` in the repository `layout`, stored in `dir`; never throws (a bad file
   * reads as empty). Undefined when a config file includes others (`[include]`, `[includeIf]`):
   * those files are not part of the key, so no memo is kept or used there.
   */
  static async open(dir: string, layout: { gitDir: string; commonDir: string }, head: string, args: readonly string[]): Promise<GaugeGitMemo | undefined> {
    const file = path.join(dir, GAUGE_GIT_FILE);
    const key = await GaugeGitMemo.keyOf(layout, head, args);
    if (key === undefined) { return undefined; }
    const data = await fileIo.readFile(file, 'utf8').then((text) => JSON.parse(text) as unknown, () => undefined).catch(() => undefined);
    const valid = isMemoData(data);
    const graph = valid && data.key === key ? decodeGraph(data.graph) : undefined;
    if (graph) { return new GaugeGitMemo(file, key, data as MemoData, graph); }
    const from = valid ? headBefore(data.key, key) : undefined;
    return new GaugeGitMemo(file, key, undefined, undefined, from === undefined ? undefined : { data: data as MemoData, from, head, commonDir: layout.commonDir });
  }

  /**
   * What the memo's answers are keyed by (memoKey below); undefined when a config file includes
   * others. Equal keys: git answers the same, so answers it gave are still its answers.
   */
  static keyOf(layout: { gitDir: string; commonDir: string }, head: string, args: readonly string[]): Promise<string | undefined> {
    return memoKey(layout, head, args);
  }

  /** This memo's key (keyOf). */
  get keyText(): string {
    return this.key;
  }

  /** The kept graph and reverts' text when they are git's answer for bound `maxAge`, else undefined. */
  answers(maxAge: number): GitAnswers | undefined {
    const d = this.data;
    if (!d || !this.graph || maxAge < d.maxAge || (d.oldest !== null && maxAge > d.oldest)) { return undefined; }
    return { graph: this.graph, reverts: d.reverts };
  }

  /**
   * answers(), after stepping a memo kept for an older HEAD when the new HEAD is a line of plain
   * commits on top of it (gaugeGitStep.ts): git's answer for the new HEAD, no git process.
   */
  async answersAt(maxAge: number): Promise<GitAnswers | undefined> {
    const prior = this.prior;
    this.prior = undefined;
    if (!this.data && prior) { await this.step(prior, maxAge); }
    return this.answers(maxAge);
  }

  /** The prior memo with the new commits in front, when it answered for `maxAge` and they step it. */
  private async step(p: Prior, maxAge: number): Promise<void> {
    const d = p.data;
    const graph = decodeGraph(d.graph);
    // The old HEAD heads its own log unless the bound dropped it (then its log is empty).
    if (!graph || graph.shas[0] !== p.from || d.oldest === null || maxAge < d.maxAge || maxAge > d.oldest) { return; }
    const chain = await commitsOnTop(p.commonDir, p.head, p.from, maxAge, (sha) => graph.shas.includes(sha));
    if (!chain) { return; }
    const stepped = stepGraph(graph, chain);
    // Tip loads exclude the old HEAD (`^from`): a query of the new call's never matches them, so they go, with the owners of their graph.
    const owners = d.owners?.loads.length === 0 ? decodeOwners(d.owners, graph.shas.length) : undefined;
    const oldest = chain.reduce((o, c) => Math.min(o, c.time), d.oldest);
    this.data = { format: FORMAT, key: this.key, maxAge: d.maxAge, oldest, graph: encodeGraph(stepped), reverts: d.reverts, edges: d.edges, loads: [] };
    this.graph = stepped;
    this.edges = d.edges;
    this.loads = [];
    this.owned = owners && { loads: [], ...encodeOwners(stepOwners(owners, chain.length)) };
    this.changed = true;
  }

  /** Answers just read from git at `maxAge`; `oldest`: the oldest commit time (s) in the graph, if any. */
  remember(maxAge: number, answers: GitAnswers, oldest: number | undefined): void {
    this.data = { format: FORMAT, key: this.key, maxAge, oldest: oldest ?? null, graph: encodeGraph(answers.graph), reverts: answers.reverts, edges: [], loads: [] };
    this.graph = answers.graph;
    this.owned = undefined;
    this.changed = true;
  }

  /** The kept owners of the graph made by HEAD's log and then the tip loads `loads`, checked against its `size`. */
  owners(loads: readonly string[], size: number): OwnerColumns | undefined {
    const o = this.owned;
    return o && o.loads.length === loads.length && o.loads.every((q, i) => q === loads[i]) ? decodeOwners(o, size) : undefined;
  }

  /** After remember(), which forgets the owners of the graph it replaces. */
  rememberOwners(loads: readonly string[], owners: OwnerColumns): void {
    this.owned = { loads: [...loads], ...encodeOwners(owners) };
    this.changed = true;
  }

  /** The kept answer (commit time, ms) for the edge parents `query`; null: none; undefined: not kept. */
  edge(query: string): number | null | undefined {
    return this.edges.find(([q]) => q === query)?.[1];
  }

  rememberEdge(query: string, answer: number | undefined): void {
    this.edges = [[query, answer ?? null] as [string, number | null], ...this.edges.filter(([q]) => q !== query)].slice(0, MAX_EDGES);
    this.changed = true;
  }

  /** The kept log for `query` when it is git's answer at bound `maxAge` (the rule above), else undefined. */
  tipLog(query: string, maxAge: number): string | undefined {
    const load = this.loads.find((l) => l.query === query);
    return load && maxAge >= load.maxAge && (load.oldest === null || maxAge <= load.oldest) ? load.text : undefined;
  }

  rememberTipLog(query: string, maxAge: number, text: string): void {
    const oldest = oldestInLog(text);
    this.loads = [{ query, maxAge, oldest: oldest ?? null, text }, ...this.loads.filter((l) => l.query !== query)].slice(0, MAX_LOADS);
    this.changed = true;
  }

  /** Writes the memo if anything changed; failures are ignored (the next call asks git again). */
  async save(): Promise<void> {
    if (!this.changed || !this.data) { return; }
    this.changed = false;
    try {
      await fileIo.mkdirp(path.dirname(this.file));
      await fileIo.replaceFile(this.file, JSON.stringify({ ...this.data, edges: this.edges, loads: this.loads, owners: this.owned })); // a reader sees the old memo or the new one
      await sweepStaleTemps(path.dirname(this.file), [path.basename(this.file)]); // what a write killed before its rename left
    } catch {
      // read-only .git, a full disk: answered without a memo
    }
  }
}

/** The oldest commit time (s) in `%H%x09%ct%x09%P` lines; undefined when there are none. */
export function oldestInLog(text: string): number | undefined {
  let oldest = Infinity;
  for (const line of text.split('\n')) {
    const seconds = Number(line.split('\t')[1]);
    if (line !== '' && Number.isFinite(seconds) && seconds < oldest) { oldest = seconds; }
  }
  return oldest === Infinity ? undefined : oldest;
}

/** The HEAD `older` (a key) was for, when `newer` is the same key but for another HEAD. */
function headBefore(older: string, newer: string): string | undefined {
  try {
    const parts = JSON.parse(older) as unknown;
    const head = Array.isArray(parts) ? parts[1] as unknown : undefined;
    if (!Array.isArray(parts) || typeof head !== 'string') { return undefined; }
    parts[1] = (JSON.parse(newer) as unknown[])[1];
    return head !== parts[1] && JSON.stringify(parts) === newer ? head : undefined;
  } catch {
    return undefined; // a hand-edited key: no step
  }
}

/** A config section that reads another file: `[include]` or `[includeIf "…"]`, in any case. */
const INCLUDE_SECTION = /^\s*\[\s*include(?:if)?\b/im;

/**
 * HEAD, the git arguments, and the identity of every file that can change git's answer for
 * them; undefined when a config file includes another (not keyed: no memo then). The GIT_*
 * environment is not part of it: git never sees the caller's (gitEnv and simple-git drop it).
 * The system config is keyed at /etc/gitconfig; a git built with another prefix reads its own,
 * and a change there is seen once HEAD moves.
 */
async function memoKey(layout: { gitDir: string; commonDir: string }, head: string, args: readonly string[]): Promise<string | undefined> {
  const home = os.homedir();
  const xdg = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
  const { commonDir, gitDir } = layout;
  const configs = [path.join(commonDir, 'config'), path.join(gitDir, 'config.worktree'), path.join(home, '.gitconfig'), path.join(xdg, 'git', 'config'), '/etc/gitconfig'];
  const others = [
    path.join(commonDir, 'packed-refs'), path.join(commonDir, 'refs', 'replace'), path.join(commonDir, 'info', 'grafts'),
    path.join(commonDir, 'shallow'), path.join(commonDir, 'objects', 'info', 'alternates'),
  ];
  const texts = await Promise.all(configs.map((f) => fileIo.readFile(f, 'utf8').catch(() => '')));
  if (texts.some((t) => INCLUDE_SECTION.test(t))) { return undefined; }
  const stats = await Promise.all([...configs, ...others].map((f) => fileIo.stat(f).then((s) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`, () => '-')));
  return JSON.stringify([FORMAT, head, args, commonDir, gitDir, stats]);
}

function isMemoData(d: unknown): d is MemoData {
  const m = d as MemoData;
  return typeof m === 'object' && m !== null && m.format === FORMAT && typeof m.key === 'string'
    && Number.isSafeInteger(m.maxAge) && (m.oldest === null || Number.isSafeInteger(m.oldest))
    && typeof m.graph === 'object' && typeof m.reverts === 'string' && Array.isArray(m.edges)
    && m.edges.every((e) => Array.isArray(e) && typeof e[0] === 'string' && (e[1] === null || typeof e[1] === 'number'))
    && Array.isArray(m.loads) && m.loads.every((l) => typeof l === 'object' && l !== null && typeof l.query === 'string'
      && Number.isSafeInteger(l.maxAge) && (l.oldest === null || Number.isSafeInteger(l.oldest)) && typeof l.text === 'string')
    && (m.owners === undefined || (typeof m.owners === 'object' && m.owners !== null && Array.isArray(m.owners.loads)
      && m.owners.loads.every((q) => typeof q === 'string')));
}
