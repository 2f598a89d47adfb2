/**
 * `gearshift run` starts no stage once one has failed; an engine only skips the jobs that need the
 * failed one, and runs every other branch of the graph to its end. So a production job whose own
 * `needs` passed would deploy while a test in a parallel branch is red. The part of fail-fast that
 * matters is exported instead: every gate (a production or `approval: manual` stage) also needs
 * each stage that comes before all gates, i.e. is downstream of none. Gates never need each other
 * (two independent production branches stay parallel), so the added needs can form no cycle.
 */
import type { Pipeline, Stage } from '../config';
import { leftOutNames } from './common';
import { topologicalOrder } from './order';

/** A stage whose job must not start while a stage Gearshift would have stopped on is red. */
export function isGate(stage: Stage): boolean {
  return stage.environment === 'production' || stage.approval === 'manual';
}

/** `seed` and every stage that needs one of them, directly or not. */
export function withDependents(stages: readonly Stage[], seed: ReadonlySet<string>): Set<string> {
  const out = new Set(seed);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stages) {
      if (!out.has(s.name) && s.needs.some((n) => out.has(n))) { out.add(s.name); grew = true; }
    }
  }
  return out;
}

/** The pipeline with each gate's extra needs (after its own, in file order): what the exporters write. */
export function withFailFastNeeds(pipeline: Pipeline): Pipeline {
  const afterGates = withDependents(pipeline.stages, new Set(pipeline.stages.filter(isGate).map((s) => s.name)));
  const beforeGates = pipeline.stages.filter((s) => !afterGates.has(s.name));
  if (afterGates.size === 0 || beforeGates.length === 0) { return pipeline; }
  // Stages before the gates first: each stage's ancestors are known when it is reached.
  const ordered = topologicalOrder(pipeline.stages);
  const ancestors = new Map<string, ReadonlySet<string>>();
  const ancestry = (names: readonly string[]): Set<string> => new Set(names.flatMap((n) => [n, ...(ancestors.get(n) ?? [])]));
  const needs = new Map<string, readonly string[]>();
  for (const stage of [...ordered.filter((s) => !afterGates.has(s.name)), ...ordered.filter((s) => afterGates.has(s.name))]) {
    const own = isGate(stage) ? [...stage.needs, ...notYetNeeded(beforeGates, ancestry(stage.needs), ancestors)] : stage.needs;
    needs.set(stage.name, own);
    ancestors.set(stage.name, ancestry(own));
  }
  return { ...pipeline, stages: pipeline.stages.map((s) => (needs.get(s.name) === s.needs ? s : { ...s, needs: needs.get(s.name) as string[] })) };
}

/** The stages `upstream` lacks, minus those another of them already implies (a failure skips what needs it, transitively). */
function notYetNeeded(beforeGates: readonly Stage[], upstream: ReadonlySet<string>, ancestors: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const missing = beforeGates.filter((s) => !upstream.has(s.name)).map((s) => s.name);
  return missing.filter((name) => !missing.some((other) => ancestors.get(other)?.has(name) === true));
}

/** A header line naming the jobs whose needs grew, so a reader of the file knows why they wait for more than the pipeline says. */
export function failFastNotes(written: Pipeline, original: Pipeline): string[] {
  const grew = written.stages.filter((s) => s.needs.length > (original.stages.find((o) => o.name === s.name)?.needs.length ?? 0)).map((s) => s.name);
  if (grew.length === 0) { return []; }
  return [`# Fail-fast: ${leftOutNames(grew)} also need(s) the stages before it in other branches: the engine would not stop it`,
    '#   when one of those fails, as `gearshift run` does (nothing new starts after a failure).'];
}
