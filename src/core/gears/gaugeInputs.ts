/**
 * What computeGauge needs from git, read for one folder: release tags that count as production
 * deploys (`gears.deployTags`) and the window's commits with their lead time to production.
 *
 * Bounded: without a CommitIndex, one `git log --max-age` reads only the window's commits (plus
 * a day of slack for clock skew), never the whole history; a caller that keeps a CommitIndex
 * passes it and each call costs an incremental refresh. Never throws: a folder that is not a
 * git repository, a shallow clone, an unborn HEAD or a failing git give empty arrays and a line
 * in `problems`. Tag names, shas and globs are only ever data: argument arrays, no shell, and
 * shas from history are checked to be hex before git sees them.
 */
import { DEFAULT_GEARS } from '../config';
import { type DeployRecord, type LeadTime, globToRegExp, runGit, END_OF_OPTIONS, findGitLayout } from '../git';
import type { CommitIndex } from '../git';
import type { CommitSample } from './classify';
import type { RunInput } from './compact';
import { type Deploy, FUTURE_SKEW_MS, mergeDeploys, productionDeploys, type TagDeploy } from './deploys';
import type { RevertFact } from './deployOutcomes';
import type { GaugePipeline } from './gaugeState';
import { GaugeGitMemo } from './gaugeGitMemo';
import { commitTime, type CommitsRead, fromLog, LOG_FORMAT, readDeployedTips, SLACK_MS, UNDEPLOYED_AT } from './gaugeLog';
import { type DeliveredBy, revertLogArgs, revertLogText, revertsFrom } from './reverts';
import { readWorkTreeState } from './workTreeState';

export interface GaugeInputs {
  /** Tags matching `pipeline.gears.deployTags`, oldest first; empty without the setting. */
  tagDeploys: TagDeploy[];
  /**
   * Commits reachable from HEAD or from a production deploy whose commit time is in the window,
   * oldest first, each with its lead time (null while undeployed); plus the newest commit
   * before the window, when there is one, so rates know the history started earlier.
   */
  commits: CommitSample[];
  /**
   * False when git could not be read (not a work tree, shallow clone, git failing): then pass
   * `commits: undefined` to computeGauge, so commits per day reads "not measured", not 0.
   */
  commitsMeasured: boolean;
  /** Reverts in the window (deployment rework rate); empty when git could not be read. */
  reverts: RevertFact[];
  /** Why something could not be read, one line each (for stderr or a log). */
  problems: string[];
  /**
   * Present when the memo (its `key`) answered everything and git ran for none of it: equal keys
   * give the same answers again, the same as long as the clock leaves the commits of `times`
   * (seconds) where they were (gaugeStability.ts).
   */
  memoAnswered?: { key: string; times: ArrayLike<number> };
}

export interface GatherOptions {
  /** Epoch ms; default Date.now(). */
  now?: number;
  /** Kept by the caller across calls: refreshed incrementally here instead of a bounded re-read. */
  index?: CommitIndex;
  /**
   * Without `index`: a folder (the history's, `.git/gearshift`) where git's answers are kept
   * between calls (gaugeGitMemo.ts), so a call with HEAD unchanged starts no git process.
   */
  memoDir?: string;
  /** productionDeploys(runs, pipeline) when the caller already has it (the gauge needs it too). */
  historyDeploys?: readonly Deploy[];
}

/** What the memo's texts are answers to (gaugeGitMemo.ts): a change here is a new key. */
const MEMO_ARGS = ['log', '--no-show-signature', LOG_FORMAT, '--ignore-missing', ...revertLogArgs(0, 'HEAD')];
const TAG_FORMAT = '--format=%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:unix)%00%(*committerdate:unix)%00%(refname)';
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Deploy shas an index already failed to find, so a kept index does not ask git again each time. */
const notFound = new WeakMap<CommitIndex, Set<string>>();

export async function gatherGaugeInputs(
  folder: string, pipeline: GaugePipeline | undefined, runs: readonly RunInput[], options: GatherOptions = {},
): Promise<GaugeInputs> {
  const out: GaugeInputs = { tagDeploys: [], commits: [], commitsMeasured: false, reverts: [], problems: [] };
  const now = typeof options.now === 'number' && Number.isFinite(options.now) ? options.now : Date.now();
  const windowMs = positive(pipeline?.gears?.windowMs, DEFAULT_GEARS.windowMs);
  try {
    const glob = pipeline?.gears?.deployTags;
    // All at once (one git latency, not several); tags and HEAD are only used in a work tree.
    const [state, tags] = await Promise.all([
      readWorkTreeState(folder),
      glob ? readTagDeploys(folder, glob).catch((e: Error) => e) : [],
    ]);
    if (!state.inside) {
      out.problems.push('not a git work tree: tag deploys, commits per day and lead time are not measured');
      return out;
    }
    if (state.shallow) {
      out.problems.push('shallow clone: history is cut off, so tag deploys, commits per day and lead time are not measured (git fetch --unshallow)');
      return out;
    }
    const head = state.head;
    if (tags instanceof Error) { throw tags; }
    out.tagDeploys = tags;
    if (!head) { out.commitsMeasured = true; return out; } // no commit yet: 0 commits is the truth
    const history = options.historyDeploys ?? (pipeline ? productionDeploys(runs, pipeline) : []);
    const deploys = deployRecords(history, tags, now + FUTURE_SKEW_MS);
    const layout = options.memoDir !== undefined && !options.index ? await findGitLayout(folder) : undefined;
    const memo = layout && options.memoDir !== undefined ? await GaugeGitMemo.open(options.memoDir, layout, head, MEMO_ARGS) : undefined;
    await commitsAndReverts(out, { folder, head, deploys, windowStart: now - windowMs, index: options.index, memo });
    if (glob) { delete out.memoAnswered; } // the tags were git's answer of this call, not the memo's
  } catch (e) {
    out.problems.push(`git: ${firstLine(e as Error)}`);
  }
  return out;
}

interface CommitsQuery { folder: string; head: string; deploys: DeployRecord[]; windowStart: number; index?: CommitIndex; memo?: GaugeGitMemo }

/** The window's commits with their lead times, and its reverts: from the caller's CommitIndex, else git or its memo. */
async function commitsAndReverts(out: GaugeInputs, q: CommitsQuery): Promise<void> {
  const { folder, head, deploys, windowStart, index, memo } = q;
  const maxAge = Math.floor((windowStart - SLACK_MS) / 1000);
  const kept = await memo?.answersAt(maxAge);
  // The reverts' log needs nothing from the commits' log: one git latency for both. Settled here, read below.
  const revertLog = (kept ? Promise.resolve(kept.reverts) : revertLogText(folder, windowStart - SLACK_MS, head)).then((text) => text, (e: Error) => e);
  const { samples, deliveredBy, before, headLog, owners, asked, times } = index
    ? await fromIndex(index, folder, head, deploys, windowStart, out.problems)
    : await fromLog({ folder, head, deploys, windowStart, problems: out.problems, memo, kept: kept?.graph });
  out.commits = before === undefined ? samples : [{ at: before, leadTimeMs: null }, ...samples];
  out.commitsMeasured = true;
  const reverts = await revertLog;
  if (memo && headLog && typeof reverts === 'string') { memo.remember(maxAge, { graph: headLog.graph, reverts }, headLog.oldest); }
  if (memo && owners && (headLog === undefined || typeof reverts === 'string')) { memo.rememberOwners(owners.loads, owners.columns); }
  let checked = false;
  out.reverts = await revertsFrom(reverts, folder, deliveredBy, deploys, () => { checked = true; }).catch((e: Error) => {
    out.problems.push(`reverts not read (rework rate counts rollbacks and fixes only): ${firstLine(e)}`);
    return [];
  });
  if (memo && kept && !asked && !checked && out.problems.length === 0) { out.memoAnswered = { key: memo.keyText, times }; }
  await memo?.save();
}

/**
 * What the gauge's git answers for `folder` are keyed by (the memo's key, gaugeGitMemo.ts) when
 * a memo may answer them all; undefined otherwise: outside a plain work tree, in a shallow clone,
 * before the first commit, or with release tags counted as deploys (asked of git every time).
 */
export async function gaugeGitKey(folder: string, pipeline: GaugePipeline | undefined): Promise<string | undefined> {
  if (pipeline?.gears?.deployTags) { return undefined; }
  const state = await readWorkTreeState(folder).catch(() => undefined);
  const layout = state?.inside && !state.shallow && state.head ? await findGitLayout(folder).catch(() => undefined) : undefined;
  return layout && state?.head ? GaugeGitMemo.keyOf(layout, state.head, MEMO_ARGS) : undefined;
}

/**
 * Release tags matching `glob` (the `branches:` glob rules: `*` stays within one `/` segment),
 * from one `git for-each-ref`: each tag's commit (annotated tags peeled) and time (the tagger's
 * date for an annotated tag, else the commit's). Tags of trees, blobs or other tags are skipped.
 */
export async function readTagDeploys(folder: string, glob: string): Promise<TagDeploy[]> {
  const match = globToRegExp(glob);
  const text = await runGit(folder, ['for-each-ref', TAG_FORMAT, 'refs/tags/']);
  const out: TagDeploy[] = [];
  for (const line of text.split('\n')) {
    const [type, sha, peeledType, peeledSha, created, peeledDate, ref] = line.split('\0');
    if (ref === undefined || !match.test(ref.slice('refs/tags/'.length))) { continue; }
    const commit = type === 'commit' ? sha : peeledType === 'commit' ? peeledSha : '';
    const seconds = Number(created || peeledDate);
    if (SHA.test(commit) && (created || peeledDate) && Number.isFinite(seconds)) { out.push({ sha: commit, at: seconds * 1000 }); }
  }
  return out.sort((a, b) => (a.at as number) - (b.at as number));
}

/**
 * Every production deploy (history and tags, as computeGauge merges them) not dated in the
 * future. A sha that is not a full commit id stays in: it is never in a commit graph, so it
 * delivers nothing, and the places where a deploy's sha reaches git (readDeployedTips, the
 * reverts) check it there (one check per sha git sees, not 9,400 a call: 14o). No copy of each.
 */
function deployRecords(history: readonly Deploy[], tags: readonly TagDeploy[], latest: number): DeployRecord[] {
  return mergeDeploys(history, tags).filter((d) => d.at <= latest);
}

/**
 * The same from a CommitIndex the caller keeps: refreshed, never rebuilt. Its graph is not
 * public, so the newest commit before the window comes from git (a walk of the window's
 * commits, in parallel with the rest).
 */
async function fromIndex(index: CommitIndex, folder: string, head: string, deploys: readonly DeployRecord[], windowStart: number, problems: string[]): Promise<CommitsRead> {
  const before = newestBefore(folder, windowStart);
  await index.refresh();
  await index.include([head]);
  const missing = notFound.get(index) ?? new Set<string>();
  notFound.set(index, missing);
  // ignoreBefore: the sort of each deploy's commits then only sorts the window's.
  const known = (): ReadonlySet<string> => new Set(index.batchSizes(deploys, { ignoreBefore: windowStart }).filter((b) => b.known).map((b) => b.sha));
  let current = known();
  await readDeployedTips(deploys, windowStart, (sha) => current.has(sha), missing, async (tips) => {
    await index.include(tips);
    current = known();
    for (const t of tips) { if (!current.has(t)) { missing.add(t); } }
  }, problems);
  const leads = index.leadTimes([...deploys, { sha: head, at: UNDEPLOYED_AT }], { ignoreBefore: windowStart });
  return { samples: toSamples(leads), deliveredBy: deliveredByLeads(leads), before: await before, asked: true, times: [] };
}

/** The lookup the reverts take, from lead times (the far-future pseudo-deploy meaning "not deployed"). */
export function deliveredByLeads(leads: readonly LeadTime[]): DeliveredBy {
  const delivered = new Map(leads.filter((l) => l.deployedAtMs !== UNDEPLOYED_AT).map((l) => [l.sha, l]));
  return (sha) => delivered.get(sha);
}

/** Lead times (the far-future pseudo-deploy meaning "not deployed") → samples, oldest first. */
function toSamples(leads: readonly LeadTime[]): CommitSample[] {
  return leads
    // A commit whose clock ran ahead of the deploy's: it was in production from the start.
    .map((l) => ({ at: l.committedAtMs, leadTimeMs: l.deployedAtMs === UNDEPLOYED_AT ? null : Math.max(0, l.leadMs) }))
    .sort((a, b) => a.at - b.at);
}

/** Commit time (ms) of the newest commit HEAD reaches from before the window, if any. */
async function newestBefore(folder: string, windowStart: number): Promise<number | undefined> {
  return commitTime(await runGit(folder, ['log', '-1', '--no-show-signature', '--format=%ct', `--min-age=${Math.ceil(windowStart / 1000) - 1}`, END_OF_OPTIONS, 'HEAD', '--']));
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

function firstLine(e: Error): string {
  return String(e?.message ?? e).trim().split('\n')[0];
}
