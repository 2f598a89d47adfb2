/**
 * The window's commits and their lead times from one bounded `git log` of HEAD, or from the
 * gauge's git memo's graph of it (no text to parse), plus deployed commits off HEAD's history.
 * Lead times come from commit owners as columns (git/metrics/owners.ts): the first deploy that
 * reached each commit, claimed only for deploys the memo's owners do not already hold, and no
 * object per deploy or per delivered commit but the samples themselves (docs/benchmarks-journal.md, 14o).
 */
import { CommitGraph, commitOwners, deployOrder, END_OF_OPTIONS, MISSING, runGit, streamGit, type DeployRecord, type GraphColumns, type OwnerColumns } from '../git';
import type { CommitSample } from './classify';
import type { GaugeGitMemo } from './gaugeGitMemo';
import type { DeliveredBy } from './reverts';
import { DAY_MS } from './stats';

/** Commits this much older than the window are read too, so a skewed clock cannot cut a path. */
export const SLACK_MS = DAY_MS;
/** Far-future pseudo-deploy of HEAD: it claims every commit no real deploy delivered. */
export const UNDEPLOYED_AT = 8.64e15;
export const LOG_FORMAT = '--format=%H%x09%ct%x09%P';
/** Deployed commits off HEAD's history read in the first round, and at most in one call. */
const TIPS_PER_ROUND = 8;
const MAX_EXTRA_TIPS = 128;
/** Edge commits whose parents are asked for (a linear history has one; merges add a few). */
const MAX_EDGE = 256;
const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;


export interface CommitsRead {
  /** The window's commits with their lead time (null while undeployed), oldest first. */
  samples: CommitSample[];
  deliveredBy: DeliveredBy;
  /** The time of the newest commit before the window. */
  before: number | undefined;
  /** HEAD's log when git was asked (not the memo), for the memo. */
  headLog?: { graph: GraphColumns; oldest: number | undefined };
  /** Owners claimed this call, with the tip loads whose graph they are for, for the memo. */
  owners?: { loads: string[]; columns: OwnerColumns };
  /** Whether git was asked for a tip's log or an edge (not the memo); HEAD's log: `headLog`. */
  asked: boolean;
  /** Every commit time (seconds) in the graph the samples came from. */
  times: ArrayLike<number>;
}

export interface LogQuery {
  folder: string; head: string; deploys: readonly DeployRecord[]; windowStart: number; problems: string[];
  memo?: GaugeGitMemo;
  /** The memo's graph of HEAD's log at this bound. */
  kept?: GraphColumns;
}

export async function fromLog(q: LogQuery): Promise<CommitsRead> {
  const { folder, head, deploys, windowStart, memo } = q;
  const graph = q.kept ? CommitGraph.fromColumns(q.kept) : new CommitGraph();
  const bound = Math.floor((windowStart - SLACK_MS) / 1000);
  const headLog = q.kept ? undefined : (await boundedLog(folder, graph, bound, [head], [], false), { graph: graph.columns(), oldest: oldestTime(graph) });
  const read = [head];
  const loads: string[] = [];
  let allKept = q.kept !== undefined;
  let allPresent = true;
  let asked = false;
  await readDeployedTips(deploys, windowStart, (sha) => graph.indexOf(sha) !== undefined, new Set(), async (tips) => {
    const query = [...tips, ...read.map((n) => `^${n}`)].join(' ');
    const kept = memo?.tipLog(query, bound);
    if (kept !== undefined) {
      graph.push(kept);
      graph.resolve();
    } else {
      asked = true;
      // A later round excludes this round's tips: once one is missing, none of this call's answers is kept.
      const { text, present } = await boundedLog(folder, graph, bound, tips, read, allPresent && memo !== undefined);
      allPresent &&= present;
      if (allPresent) { memo?.rememberTipLog(query, bound, text); }
    }
    allKept &&= kept !== undefined;
    loads.push(query);
    read.push(...tips);
  }, q.problems);
  // Kept owners are for the graph those same kept answers make, nothing else.
  const reuse = allKept ? memo?.owners(loads, graph.size) : undefined;
  const owned = commitOwners(graph, deployOrder(graph, deploys), reuse);
  const owners = memo && owned.reused < owned.tips.length ? { loads, columns: { ...owned, owner: owned.owner.slice() } } : undefined;
  const { samples, deliveredBy } = ownedSamples(graph, owned, graph.indexOf(head), windowStart);
  const before = await newestBeforeInGraph(folder, graph, windowStart, memo, () => { asked = true; });
  return { samples, deliveredBy, before, headLog, owners, asked, times: graph.times };
}

/**
 * One bounded log of `tips` without the commits `not` reaches, into the graph: its text, and
 * whether every name was in the object store. Only such an answer may be kept (the memo): a
 * missing commit can come back without HEAD or a keyed file moving (a `git fetch` of a branch
 * deleted and pruned here), and git's answer with it is another. So with `strict`, git is
 * asked first without --ignore-missing (the same text when all are there, one process); when
 * that fails before any output (a name not in the object store), again with it: two processes
 * a call, only while a deployed commit is missing.
 */
async function boundedLog(folder: string, graph: CommitGraph, bound: number, tips: readonly string[], not: readonly string[], strict: boolean): Promise<{ text: string; present: boolean }> {
  const chunks: string[] = [];
  const exclude = not.map((n) => `^${n}`); // not `--not`: it would be a revision after --end-of-options
  const log = (lenient: boolean): Promise<void> => streamGit(folder, ['log', '--no-show-signature', LOG_FORMAT, `--max-age=${bound}`, ...(lenient ? ['--ignore-missing'] : []), END_OF_OPTIONS, ...tips, ...exclude, '--'], (c) => { graph.push(c); chunks.push(c); });
  const present = strict && await log(false).then(() => true, (e: Error) => { if (chunks.length > 0) { throw e; } return false; });
  if (!present) { await log(true); }
  graph.resolve();
  return { text: chunks.join(''), present };
}

/**
 * HEAD's own commits no deploy reached are claimed as undeployed (a pseudo-deploy after every
 * real one, as deliveries() is given), then the window's samples in the order lead times had:
 * by commit time, then deploy, then commit index.
 */
function ownedSamples(graph: CommitGraph, owned: OwnerColumns, headTip: number | undefined, windowStart: number): { samples: CommitSample[]; deliveredBy: DeliveredBy } {
  const { owner, tips, at } = owned;
  const pseudo = tips.length;
  if (headTip !== undefined) { graph.claimAll(headTip, owner, pseudo, []); }
  const { times } = graph;
  const floor = windowStart / 1000;
  const inWindow: number[] = [];
  for (let c = 0; c < graph.size; c++) { if (owner[c] !== MISSING && times[c] >= floor) { inWindow.push(c); } }
  inWindow.sort((a, b) => times[a] - times[b] || owner[a] - owner[b] || a - b);
  const deployedAt = (o: number): number => (o === pseudo ? UNDEPLOYED_AT : at[o]);
  const samples = inWindow.map((c): CommitSample => {
    const ms = times[c] * 1000;
    const deployed = deployedAt(owner[c]);
    // A commit whose clock ran ahead of the deploy's: it was in production from the start.
    return { at: ms, leadTimeMs: deployed === UNDEPLOYED_AT ? null : Math.max(0, deployed - ms) };
  });
  const deliveredBy: DeliveredBy = (sha) => {
    const c = graph.indexOf(sha);
    if (c === undefined || owner[c] === MISSING || !(times[c] >= floor) || deployedAt(owner[c]) === UNDEPLOYED_AT) { return undefined; }
    return { deploySha: graph.shas[owner[c] === pseudo ? headTip as number : tips[owner[c]]], deployedAtMs: deployedAt(owner[c]) };
  };
  return { samples, deliveredBy };
}

/** The oldest commit time (s) in the graph; undefined when it has none. */
function oldestTime(graph: CommitGraph): number | undefined {
  let oldest = Infinity;
  for (const t of graph.times) { if (Number.isFinite(t) && t < oldest) { oldest = t; } }
  return oldest === Infinity ? undefined : oldest;
}

/**
 * Reads the history of deploys (newest first) whose commit is not indexed yet: a deploy from
 * another branch, or of a commit HEAD no longer reaches. One round often makes the older ones
 * known too (the newest deploy of a branch contains the rest), so rounds stop as soon as none
 * is left; the second round takes all that are left. At most MAX_EXTRA_TIPS are read in one call.
 */
export async function readDeployedTips(
  deploys: readonly DeployRecord[], windowStart: number, isKnown: (sha: string) => boolean, skip: ReadonlySet<string>,
  read: (tips: string[]) => Promise<void>, problems: string[],
): Promise<void> {
  const tried = new Set(skip);
  let budget = MAX_EXTRA_TIPS;
  for (;;) {
    // Only full commit ids reach git (deploy shas come from a file); the others deliver nothing.
    const wanted = unknownRecent(deploys, windowStart - SLACK_MS, (sha) => !isKnown(sha) && !tried.has(sha) && FULL_SHA.test(sha)); // known first: nearly all are
    if (wanted.length === 0) { return; }
    if (budget === 0) {
      problems.push(`${wanted.length} deployed commits off HEAD's history were not read (limit ${MAX_EXTRA_TIPS} per call): their lead times are not measured`);
      return;
    }
    // The first round is small (one branch's newest deploy often covers the rest); what is
    // still unknown after it goes in one call, not in rounds: each round is a git process.
    const tips = wanted.slice(0, budget === MAX_EXTRA_TIPS ? Math.min(TIPS_PER_ROUND, budget) : budget);
    budget -= tips.length;
    for (const t of tips) { tried.add(t); }
    await read(tips);
  }
}

/**
 * The distinct shas of deploys at or after `since` that `unknown` accepts, newest deploy first;
 * one pass, no list or set of the known ones (nearly all of them on a lived-in history).
 */
function unknownRecent(deploys: readonly DeployRecord[], since: number, unknown: (sha: string) => boolean): string[] {
  const wanted = new Set<string>();
  for (let i = deploys.length - 1; i >= 0; i--) {
    const { sha, at } = deploys[i];
    if (Number(at) >= since && unknown(sha) && !wanted.has(sha)) { wanted.add(sha); }
  }
  return [...wanted];
}

/**
 * The bounded log's newest commit before the window (it holds a day of them), else the newest
 * parent across its edge: one `git log --no-walk` of those parents, no walk of history.
 */
async function newestBeforeInGraph(folder: string, graph: CommitGraph, windowStart: number, memo: GaugeGitMemo | undefined, asking: () => void): Promise<number | undefined> {
  let newest = -Infinity;
  const edge: string[] = [];
  for (let i = 0; i < graph.size; i++) {
    const ms = graph.times[i] * 1000;
    if (ms < windowStart) {
      newest = Math.max(newest, ms);
    } else if (edge.length < MAX_EDGE && graph.hasMissingParent(i)) {
      edge.push(`${graph.shas[i]}^@`);
    }
  }
  if (newest > -Infinity || edge.length === 0) { return newest > -Infinity ? newest : undefined; }
  const kept = memo?.edge(edge.join(' ')); // about immutable commits: as good as git's answer
  if (kept !== undefined) { return kept ?? undefined; }
  asking();
  const answer = commitTime(await runGit(folder, ['log', '--no-walk=sorted', '-1', '--no-show-signature', '--format=%ct', END_OF_OPTIONS, ...edge, '--']));
  memo?.rememberEdge(edge.join(' '), answer);
  return answer;
}

export function commitTime(out: string): number | undefined {
  const seconds = Number(out.trim());
  return out.trim() && Number.isFinite(seconds) ? seconds * 1000 : undefined;
}
