/**
 * The release-analysis keys of `monitor:` (after Argo Rollouts' AnalysisTemplate):
 * `failureLimit` failed measurements tolerated per probe, `consecutiveErrorLimit` probe errors
 * in a row that make the release inconclusive, and `inconclusive`, the error rate from which a
 * measurement that does not trip the alarm is neither good nor bad: a person decides.
 */
import { describe, type Field, type Reader } from './reader';
import { MONITOR_DEFAULTS, refusePercent } from './monitorSection';

const P = 'monitor: ';
/** Far beyond any window's interval count; keeps the numbers plain. */
const MAX_LIMIT = 10_000;

/** Only the keys written: left out, core/deploy's analysis applies the defaults (MONITOR_DEFAULTS). */
export interface AnalysisKeys {
  readonly failureLimit?: number;
  readonly consecutiveErrorLimit?: number;
  readonly inconclusive?: number;
}

/** `threshold` as read (undefined after an error); `intervals` in the window when the timing is valid. */
export function readAnalysis(f: Map<string, Field>, r: Reader, ctx: { threshold: number | undefined; intervals: number | undefined }): AnalysisKeys | undefined {
  const failureLimit = readCount(f.get('failureLimit'), 'failureLimit', r, 0, MONITOR_DEFAULTS.failureLimit, 'failed measurements tolerated per probe in the window');
  const consecutiveErrorLimit = readCount(f.get('consecutiveErrorLimit'), 'consecutiveErrorLimit', r, 1, MONITOR_DEFAULTS.consecutiveErrorLimit, 'probe errors in a row that make the release inconclusive');
  const inconclusiveField = f.get('inconclusive');
  const inconclusive = inconclusiveField ? readInconclusive(inconclusiveField, r, ctx.threshold) : undefined;
  let ok = failureLimit !== undefined && consecutiveErrorLimit !== undefined && (!inconclusiveField || inconclusive !== undefined);
  const limitField = f.get('failureLimit');
  if (failureLimit !== undefined && limitField && ctx.intervals !== undefined && failureLimit >= ctx.intervals) {
    r.problems.at(limitField.value ?? limitField.key, `${P}\`failureLimit\` ${failureLimit} tolerates a failure in every one of the window's ${ctx.intervals} interval${ctx.intervals === 1 ? '' : 's'}, so monitoring could never fail a release; lower it below ${ctx.intervals} or lengthen the window`);
    ok = false;
  }
  if (!ok || failureLimit === undefined || consecutiveErrorLimit === undefined) { return undefined; }
  return {
    ...(f.has('failureLimit') ? { failureLimit } : {}),
    ...(f.has('consecutiveErrorLimit') ? { consecutiveErrorLimit } : {}),
    ...(inconclusive !== undefined ? { inconclusive } : {}),
  };
}

function readCount(field: Field | undefined, label: string, r: Reader, min: number, fallback: number, meaning: string): number | undefined {
  if (!field) { return fallback; }
  const what = `a whole number from ${min} to ${MAX_LIMIT}`;
  const n = r.number(field, label, P, what);
  if (!n) { return undefined; }
  if (Number.isInteger(n.value) && n.value >= min && n.value <= MAX_LIMIT) { return n.value; }
  r.problems.at(n.node, `${P}\`${label}\` (${meaning}) must be ${what}, not ${describe(n.node)}; e.g. \`${label}: ${Math.max(min, fallback)}\``);
  return undefined;
}

function readInconclusive(field: Field, r: Reader, threshold: number | undefined): number | undefined {
  if (refusePercent(field, 'inconclusive', r)) { return undefined; }
  const n = r.number(field, 'inconclusive', P, 'an error rate greater than 0 and below `threshold`, e.g. `0.05`');
  if (!n) { return undefined; }
  if (!(n.value > 0 && n.value < 1)) {
    r.problems.at(n.node, `${P}\`inconclusive\` must be an error rate greater than 0 and below 1 (\`0.05\` is 5%), not ${describe(n.node)}`);
    return undefined;
  }
  if (threshold !== undefined && n.value >= threshold) {
    r.problems.at(n.node, `${P}\`inconclusive\` ${n.value} must be below \`threshold\` (${threshold}): rates from \`inconclusive\` up to \`threshold\` are the range where a person decides, and at \`threshold\` the release fails`);
    return undefined;
  }
  return n.value;
}
