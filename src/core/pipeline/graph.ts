/**
 * Which stages a run executes and what each one waits for.
 * The config parser validates the file; this only refuses graphs the scheduler could hang on.
 */

import type { Pipeline } from '../config';

export interface Selection {
  /** Run just this stage, ignoring its needs. */
  only?: string;
  /** Run this stage and every later one in file order. */
  from?: string;
  /** 'non-prod': every `environment: non-prod` stage and what it (transitively) needs; no production stage. */
  target?: 'non-prod';
  /** 'production': the `environment: production` stages only; their needs outside them count as met. */
  environment?: 'production';
}

/** How a selection reads in the reason of the stages it leaves out (views match "^not selected"). */
export const NOT_SELECTED_NON_PROD = 'not selected (deploy to non-prod)';
export const NOT_SELECTED_PRODUCTION = 'not selected (production stages only)';

export interface RunPlan {
  /** Needs per selected stage, restricted to selected stages. */
  readonly needs: ReadonlyMap<string, readonly string[]>;
  /** Reason for every stage that is not selected (it is recorded as skipped). */
  readonly notSelected: ReadonlyMap<string, string>;
}

/** Throws on duplicate names, unknown needs, cycles, or an unknown only/from stage. */
export function planRun(pipeline: Pipeline, selection: Selection = {}): RunPlan {
  const names = pipeline.stages.map((s) => s.name);
  const known = new Set<string>();
  for (const name of names) {
    if (known.has(name)) { throw new Error(`duplicate stage name "${name}"`); }
    known.add(name);
  }
  for (const stage of pipeline.stages) {
    for (const need of stage.needs) {
      if (!known.has(need)) { throw new Error(`stage "${stage.name}" needs unknown stage "${need}"`); }
    }
  }
  assertAcyclic(pipeline);

  const given = (['only', 'from', 'target', 'environment'] as const).filter((k) => selection[k] !== undefined);
  if (given.length > 1) { throw new Error(`${given.map((k) => `"${k}"`).join(' and ')} cannot be combined`); }
  const pick = selection.only ?? selection.from;
  if (pick !== undefined && !known.has(pick)) { throw new Error(`no stage named "${pick}"`); }

  const selected = new Set<string>();
  const notSelected = new Map<string, string>();
  const byEnvironment = environmentSelection(pipeline, selection);
  const fromIndex = selection.from !== undefined ? names.indexOf(selection.from) : -1;
  names.forEach((name, i) => {
    // Words, not the CLI's flags: the editor's Run Single Stage… and Re-run From Failed Stage print these too (walk30 L7).
    if (selection.only !== undefined && name !== selection.only) {
      notSelected.set(name, `not selected: ran ${selection.only} only`);
    } else if (selection.from !== undefined && i < fromIndex) {
      notSelected.set(name, `not selected: ran from ${selection.from} on`);
    } else if (byEnvironment && !byEnvironment.stages.has(name)) {
      notSelected.set(name, byEnvironment.reason);
    } else {
      selected.add(name);
    }
  });

  // Needs on stages outside the selection count as met: the user asked to (re)run from here.
  const needs = new Map<string, readonly string[]>();
  for (const stage of pipeline.stages) {
    if (!selected.has(stage.name)) { continue; }
    needs.set(stage.name, selection.only !== undefined ? [] : stage.needs.filter((n) => selected.has(n)));
  }
  return { needs, notSelected };
}

/**
 * The stages an environment selection picks, or undefined for other selections. Throws when the
 * pipeline has no stage of that environment, or a non-prod stage needs a production one (a
 * non-prod deploy must never touch production).
 */
function environmentSelection(pipeline: Pipeline, selection: Selection): { stages: Set<string>; reason: string } | undefined {
  if (selection.environment === 'production') {
    const stages = new Set(pipeline.stages.filter((s) => s.environment === 'production').map((s) => s.name));
    if (stages.size === 0) { throw new Error('the pipeline has no `environment: production` stage'); }
    return { stages, reason: NOT_SELECTED_PRODUCTION };
  }
  if (selection.target !== 'non-prod') { return undefined; }
  const byName = new Map(pipeline.stages.map((s) => [s.name, s]));
  const todo = pipeline.stages.filter((s) => s.environment === 'non-prod').map((s) => s.name);
  if (todo.length === 0) { throw new Error('the pipeline has no `environment: non-prod` stage'); }
  const stages = new Set<string>();
  while (todo.length > 0) {
    const name = todo.pop() as string;
    if (stages.has(name)) { continue; }
    const stage = byName.get(name);
    if (stage?.environment === 'production') { throw new Error(`a non-prod deploy cannot run production stage "${name}", which a non-prod stage needs`); }
    stages.add(name);
    todo.push(...(stage?.needs ?? []));
  }
  return { stages, reason: NOT_SELECTED_NON_PROD };
}

/** Kahn's algorithm: whatever cannot be ordered sits on a cycle (or behind one). */
function assertAcyclic(pipeline: Pipeline): void {
  const remaining = new Map(pipeline.stages.map((s) => [s.name, new Set(s.needs)]));
  let progressed = true;
  while (remaining.size > 0 && progressed) {
    progressed = false;
    for (const [name, needs] of remaining) {
      if ([...needs].every((n) => !remaining.has(n))) {
        remaining.delete(name);
        progressed = true;
      }
    }
  }
  if (remaining.size > 0) {
    throw new Error(`stages form a cycle: ${[...remaining.keys()].join(', ')}`);
  }
}
