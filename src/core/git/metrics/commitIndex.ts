/**
 * Commit metrics for the gear gauge: commits per day, lead time from commit to production,
 * and batch size (commits per production deploy), fast on a 100,000-commit repository.
 *
 * One streamed `git log --format=%H%x09%ct%x09%P` builds the index; `refresh()` then reads
 * only what is new (`git log <new tip> --not <tips already read>`), so one more commit costs a
 * git process or two, not a re-read. The index only ever grows (a union of histories): after
 * an amend or reset the old commits stay indexed but are no longer reachable from the tip,
 * and every figure is computed from reachability, so the answers equal a full rebuild's.
 */
import * as path from 'path';
import type { SimpleGit } from 'simple-git';
import { gitAt } from '../tracker/gitQueries';
import { CommitGraph } from './commitGraph';
import { batchSizesOf, deliveries, leadTimesOf, type BatchSize, type DeliveryOptions, type DeployRecord, type LeadTime } from './deliveries';
import { streamGit } from './logStream';
import { END_OF_OPTIONS, isCommitSha } from '../sha';

export interface CommitRate {
  windowDays: number;
  /** Window start and end (ISO). */
  from: string;
  to: string;
  /** Commits reachable from the tip with committer time in (from, to]. */
  total: number;
  perDay: number;
  /** Commits in each 24-hour slice of the window, oldest slice first. */
  days: number[];
}

export interface IndexOptions {
  /** Whose history counts for commits per day (default HEAD). */
  ref?: string;
}

const FORMAT = '--format=%H%x09%ct%x09%P';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Tips remembered for `--not`; older ones are still indexed, git just lists them again. */
const MAX_TIPS = 32;

export class CommitIndex {
  private readonly graph = new CommitGraph();
  private readonly git: SimpleGit;
  private tip: string | undefined;
  /** Tips whose whole history is indexed, newest last. */
  private tips: string[] = [];
  private reach: Uint8Array | undefined;
  /** Commits git listed in the last refresh or include (0 when the tip had not moved). */
  lastRead = 0;

  private constructor(private readonly dir: string, private readonly ref: string) {
    this.git = gitAt(dir);
  }

  static async open(folder: string, opts: IndexOptions = {}): Promise<CommitIndex> {
    const index = new CommitIndex(path.resolve(folder), opts.ref ?? 'HEAD');
    await index.refresh();
    return index;
  }

  get size(): number {
    return this.graph.size;
  }

  /** Reads what is new since the last refresh (everything, the first time). */
  async refresh(): Promise<void> {
    const tip = await this.resolve(this.ref);
    this.lastRead = 0;
    if (tip === this.tip) {
      return;
    }
    if (tip) {
      await this.load([tip]);
    }
    this.tip = tip;
    this.reach = undefined;
  }

  /** Indexes the history of these commits too (deploys of shas not on the tracked ref). */
  async include(shas: readonly string[]): Promise<void> {
    // Deploy shas come from history, a file: only commit ids reach git.
    const missing = shas.filter((s) => isCommitSha(s) && this.graph.indexOf(s) === undefined);
    const found = (await Promise.all(missing.map((s) => this.resolve(s)))).filter((s): s is string => !!s);
    if (found.length) {
      await this.load(found);
    }
  }

  /** Commits per day over the `windowDays` ending at `now` (ms, default the current time). */
  commitsPerDay(windowDays = 30, now: number = Date.now()): CommitRate {
    const start = now - windowDays * DAY_MS;
    const days = new Array<number>(Math.max(0, Math.ceil(windowDays))).fill(0);
    const reach = this.reachable();
    let total = 0;
    for (let i = 0; i < this.graph.size; i++) {
      const ms = this.graph.times[i] * 1000;
      if (reach[i] && ms > start && ms <= now) {
        total++;
        days[Math.min(days.length - 1, Math.floor((ms - start) / DAY_MS))]++;
      }
    }
    return {
      windowDays, from: new Date(start).toISOString(), to: new Date(now).toISOString(),
      total, perDay: windowDays > 0 ? total / windowDays : 0, days,
    };
  }

  /** For each commit delivered by the deploys: deploy time − commit time. */
  leadTimes(deploys: readonly DeployRecord[], opts?: DeliveryOptions): LeadTime[] {
    return leadTimesOf(this.graph, deliveries(this.graph, deploys, opts));
  }

  /** Commits each deploy delivered, in deploy-time order. */
  batchSizes(deploys: readonly DeployRecord[], opts?: DeliveryOptions): BatchSize[] {
    return batchSizesOf(deliveries(this.graph, deploys, opts));
  }

  private reachable(): Uint8Array {
    if (!this.reach) {
      const tip = this.tip === undefined ? undefined : this.graph.indexOf(this.tip);
      this.reach = this.graph.reachable(tip === undefined ? [] : [tip]);
    }
    return this.reach;
  }

  /** One streamed log of everything reachable from `from` that is not indexed yet. */
  private async load(from: readonly string[]): Promise<void> {
    // --ignore-missing: an old tip may have been garbage-collected since (amended away).
    // `^tip`, not `--not tip…`: after --end-of-options an option would be read as a revision.
    const not = this.tips.map((t) => `^${t}`);
    const before = this.graph.linesRead;
    await streamGit(this.dir, ['log', '--no-show-signature', FORMAT, '--ignore-missing', END_OF_OPTIONS, ...from, ...not, '--'], (chunk) => this.graph.push(chunk));
    this.graph.resolve();
    this.lastRead = this.graph.linesRead - before;
    this.tips = [...this.tips.filter((t) => !from.includes(t)), ...from].slice(-MAX_TIPS);
  }

  private async resolve(rev: string): Promise<string | undefined> {
    const out = await this.git.raw(['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, `${rev}^{commit}`]).catch(() => '');
    return out.trim() || undefined;
  }
}
