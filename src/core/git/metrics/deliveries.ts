/**
 * Which commits each production deploy delivered, from commit ancestry.
 *
 * A deploy of X delivers every commit reachable from X that no earlier deploy reached: a
 * commit's lead time runs to the *first* deploy that contained it. With deploys that only move
 * forward that is exactly "reachable from X, not from the previous deploy"; beyond that, a
 * rollback (deploying an older sha) delivers nothing, and the re-deploy after it does not
 * count the same commits a second time.
 */
import { CommitGraph, MISSING } from './commitGraph';

export interface DeployRecord {
  sha: string;
  /** When it reached production: ISO string, ms since the epoch, or a Date. */
  at: string | number | Date;
}

/** Times in epoch ms: the gauge reads 10,000 of these a call, and ISO strings were only parsed back (docs/benchmarks-journal.md, 14h). */
export interface LeadTime {
  /** The delivered commit. */
  sha: string;
  committedAtMs: number;
  deploySha: string;
  deployedAtMs: number;
  /** deployedAtMs − committedAtMs (negative if the commit's clock ran ahead). */
  leadMs: number;
}

export interface BatchSize {
  sha: string;
  at: string;
  /** Commits this deploy delivered first. */
  commits: number;
  /** False when the deployed sha is not in the index (call CommitIndex.include first). */
  known: boolean;
}

export interface DeliveryOptions {
  /** Leave out commits made before this (history from before deploys were recorded). */
  ignoreBefore?: string | number | Date;
}

export interface Delivery { deploy: { sha: string; atMs: number }; known: boolean; commits: number[] }

/** Deploys in time order (ties keep input order), each with the commit indexes it delivered. */
export function deliveries(graph: CommitGraph, deploys: readonly DeployRecord[], opts: DeliveryOptions = {}): Delivery[] {
  const floor = opts.ignoreBefore === undefined ? -Infinity : toMs(opts.ignoreBefore) / 1000;
  const ordered = deploys
    .map((d, i) => ({ sha: d.sha, atMs: toMs(d.at), i }))
    .filter((d) => Number.isFinite(d.atMs))
    .sort((a, b) => a.atMs - b.atMs || a.i - b.i);
  const owner = new Int32Array(graph.size).fill(MISSING);
  return ordered.map((d, id) => {
    const tip = graph.indexOf(d.sha);
    if (tip === undefined) {
      return { deploy: d, known: false, commits: [] };
    }
    const commits = graph.claim(tip, owner, id).filter((c) => graph.times[c] >= floor);
    commits.sort((a, b) => graph.times[a] - graph.times[b] || a - b);
    return { deploy: d, known: true, commits };
  });
}

export function leadTimesOf(graph: CommitGraph, list: readonly Delivery[]): LeadTime[] {
  return list.flatMap(({ deploy, commits }) => commits.map((c) => ({
    sha: graph.shas[c],
    committedAtMs: graph.times[c] * 1000,
    deploySha: deploy.sha,
    deployedAtMs: deploy.atMs,
    leadMs: deploy.atMs - graph.times[c] * 1000,
  })));
}

export function batchSizesOf(list: readonly Delivery[]): BatchSize[] {
  return list.map(({ deploy, known, commits }) => ({
    sha: deploy.sha, at: new Date(deploy.atMs).toISOString(), commits: commits.length, known,
  }));
}

function toMs(at: string | number | Date): number {
  return typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at);
}
