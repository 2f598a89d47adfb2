/**
 * The window cache's form for finished runs older than the newest few (windowCache.ts): only
 * the fields that `status --json`, `gear` and the clean-up read of them, in columns (a word
 * table, one joined text, typed arrays). v8.deserialize pays per object and per property:
 * 8,700 whole records took ≈ 110 ms to deserialize, plus their garbage collection; these
 * columns ≈ 25 ms with the records built from them (docs/benchmarks-journal.md, 14k).
 *
 * Kept of a run: id, sha, branch, trigger, startedAt, endedAt, state, rollback, alert, and of
 * `deploy` what deployFactsOf reads (its result, its message's first line: the red fold asks
 * whether a partial run's deploy went live); of each stage: name, state, durationMs, startedAt,
 * reason, approvalWaitMs (the gauge's approval step, review40 M3), approvedBy and approvedInAdvance (an
 * older run's gate: rereview40 F3). That is everything compactRun (gears),
 * the red/green fold (redgreen) and gaugeHistoryEnough read. Each field's presence is kept too,
 * so a field that was absent stays absent. A record with anything else in those fields (a
 * non-boolean `rollback`, a numeric `endedAt`, a NUL in a text) is not slimmed: it stays whole.
 */
import type { RunRecord, StageRecord } from '../pipeline';
import { deployFactsOf, type DeployFacts } from './deployFacts';

export interface SlimColumns { words: string[]; text: string; codes: Uint32Array; numbers: Float64Array }

const SEP = '\u0000';
const ENDED = 1, ROLLBACK_SET = 2, ROLLBACK = 4, ALERT_SET = 8, ALERT = 16, DEPLOY_RESULT = 32, DEPLOY_MESSAGE = 64;
const DURATION = 1, STARTED = 2, REASON = 4, WAITED = 8, APPROVED = 16, IN_ADVANCE = 32;

const isText = (v: unknown): v is string => typeof v === 'string' && !v.includes(SEP);
const optional = (v: unknown, type: 'string' | 'number' | 'boolean'): boolean => v === undefined || typeof v === type;

/** True when `slimRecord` keeps everything readers of an old run look at. */
export function slimmable(run: RunRecord): boolean {
  const r = run as unknown as Record<string, unknown>;
  return isText(r.id) && isText(r.sha) && typeof r.branch === 'string' && typeof r.trigger === 'string' && isText(r.startedAt)
    && typeof r.state === 'string' && (r.endedAt === undefined || isText(r.endedAt))
    && optional(r.rollback, 'boolean') && optional(r.alert, 'boolean') && Array.isArray(r.stages)
    && (deployFactsOf(run).message === undefined || isText(deployFactsOf(run).message))
    && (r.stages as unknown[]).every((s) => {
      const stage = s as Record<string, unknown>;
      return typeof stage === 'object' && stage !== null && typeof stage.name === 'string' && typeof stage.state === 'string'
        && optional(stage.durationMs, 'number') && (stage.startedAt === undefined || isText(stage.startedAt)) && optional(stage.reason, 'string')
        && optional(stage.approvalWaitMs, 'number') && optional(stage.approvedBy, 'string') && (stage.approvedInAdvance === undefined || stage.approvedInAdvance === true);
    });
}

/** Columns for `runs` (each slimmable), in order. */
export function encodeSlim(runs: readonly RunRecord[]): SlimColumns {
  const words: string[] = [];
  const index = new Map<string, number>();
  const word = (v: string): number => {
    let i = index.get(v);
    if (i === undefined) { i = words.push(v) - 1; index.set(v, i); }
    return i;
  };
  const text: string[] = [];
  const codes: number[] = [];
  const numbers: number[] = [];
  for (const run of runs) {
    text.push(run.id, run.sha, run.startedAt);
    if (run.endedAt !== undefined) { text.push(run.endedAt); }
    const deploy = deployFactsOf(run);
    codes.push(word(run.branch), word(run.trigger), word(run.state), runFlags(run, deploy));
    if (deploy.result !== undefined) { codes.push(word(deploy.result)); }
    if (deploy.message !== undefined) { text.push(deploy.message); }
    codes.push(run.stages.length);
    for (const s of run.stages) {
      codes.push(word(s.name), word(s.state), stageFlags(s));
      if (s.reason !== undefined) { codes.push(word(s.reason)); }
      if (s.approvedBy !== undefined) { codes.push(word(s.approvedBy)); }
      if (s.durationMs !== undefined) { numbers.push(s.durationMs); }
      if (s.startedAt !== undefined) { text.push(s.startedAt); }
      if (s.approvalWaitMs !== undefined) { numbers.push(s.approvalWaitMs); }
    }
  }
  return { words, text: text.join(SEP), codes: Uint32Array.from(codes), numbers: Float64Array.from(numbers) };
}

function runFlags(run: RunRecord, deploy: DeployFacts): number {
  return (run.endedAt !== undefined ? ENDED : 0) | (run.rollback !== undefined ? ROLLBACK_SET : 0) | (run.rollback ? ROLLBACK : 0)
    | (run.alert !== undefined ? ALERT_SET : 0) | (run.alert ? ALERT : 0)
    | (deploy.result !== undefined ? DEPLOY_RESULT : 0) | (deploy.message !== undefined ? DEPLOY_MESSAGE : 0);
}

function stageFlags(s: StageRecord): number {
  return (s.durationMs !== undefined ? DURATION : 0) | (s.startedAt !== undefined ? STARTED : 0) | (s.reason !== undefined ? REASON : 0)
    | (s.approvalWaitMs !== undefined ? WAITED : 0) | (s.approvedBy !== undefined ? APPROVED : 0) | (s.approvedInAdvance === true ? IN_ADVANCE : 0);
}

/** The slim records, in order; throws when the columns do not add up (the cache is then a miss). */
export function decodeSlim(columns: SlimColumns): RunRecord[] {
  const { words, codes, numbers } = columns;
  const text = columns.text === '' ? [] : columns.text.split(SEP);
  let t = 0, c = 0, n = 0;
  const wordAt = (): string => {
    const w = words[codes[c++]];
    if (typeof w !== 'string') { throw new Error('slim runs: a word out of range'); }
    return w;
  };
  const runs: RunRecord[] = [];
  while (c < codes.length) {
    const run = { id: text[t++], sha: text[t++], startedAt: text[t++] } as RunRecord;
    run.branch = wordAt();
    run.trigger = wordAt();
    run.state = wordAt() as RunRecord['state'];
    const flags = codes[c++];
    if (flags & ENDED) { run.endedAt = text[t++]; }
    if (flags & ROLLBACK_SET) { run.rollback = (flags & ROLLBACK) !== 0; }
    if (flags & ALERT_SET) { run.alert = (flags & ALERT) !== 0; }
    if (flags & (DEPLOY_RESULT | DEPLOY_MESSAGE)) {
      run.deploy = { ...(flags & DEPLOY_RESULT ? { result: wordAt() } : {}), ...(flags & DEPLOY_MESSAGE ? { message: text[t++] } : {}) } as RunRecord['deploy'];
    }
    const count = codes[c++];
    run.stages = [];
    for (let i = 0; i < count; i++) {
      const stage = { name: wordAt(), state: wordAt() } as StageRecord;
      const sf = codes[c++];
      if (sf & REASON) { stage.reason = wordAt(); }
      if (sf & APPROVED) { stage.approvedBy = wordAt(); }
      if (sf & DURATION) { stage.durationMs = numbers[n++]; }
      if (sf & STARTED) { stage.startedAt = text[t++]; }
      if (sf & WAITED) { stage.approvalWaitMs = numbers[n++]; }
      if (sf & IN_ADVANCE) { stage.approvedInAdvance = true; }
      run.stages.push(stage);
    }
    runs.push(run);
  }
  if (t !== text.length || c !== codes.length || n !== numbers.length || runs.some((r) => typeof r.startedAt !== 'string')) {
    throw new Error('slim runs: the columns do not add up');
  }
  return runs;
}
