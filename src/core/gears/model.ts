/**
 * The five gears of production deployment, from Dan Davis's talk "So You Want to Go Faster?
 * A Journey to Continuous Deployment" (2018). Static knowledge: which gear a team is in is
 * measured elsewhere from history; this table says what each gear means and how to shift up.
 */

export type GearNumber = 1 | 2 | 3 | 4 | 5;

/** One practice of the talk, and the readiness checklist item (checklist.ts id) that tells whether it is in place. */
export interface ShiftUpPractice {
  readonly step: string;
  readonly check?: string;
}

export interface Gear {
  readonly number: GearNumber;
  readonly name: string;
  readonly rhythm: string;
  /** The talk's main limiting factor for shifting up from this gear. */
  readonly limitingFactor: string;
  /** Practices that shift a team up from this gear; the next gear's own rule first where a practice is it. */
  readonly shiftUp: readonly ShiftUpPractice[];
  /** The DORA deployment-frequency band it lines up with (the 2024 report's wording matches 2019's). */
  readonly doraBand: string;
}

const p = (step: string, check?: string): ShiftUpPractice => (check === undefined ? { step } : { step, check });

export const GEARS: readonly Gear[] = [
  {
    number: 1, name: '1st gear', rhythm: 'about monthly',
    limitingFactor: 'deployment failure rate',
    shiftUp: [p('automate deployments', 'deploy-automated'), p('test, then deploy: a pipeline for every change', 'test-before-deploy'), p("don't let the pipeline stay red", 'never-red-long')],
    doraBand: 'medium/low boundary',
  },
  {
    number: 2, name: '2nd gear', rhythm: 'once per sprint',
    limitingFactor: 'environments (downtime)',
    shiftUp: [p('provision consistent environments automatically', 'provisioning'), p('blue/green deployment', 'blue-green'), p('deploy in the daytime')],
    doraBand: 'medium',
  },
  {
    number: 3, name: '3rd gear', rhythm: 'weekly',
    limitingFactor: 'unready / unfinished code',
    shiftUp: [p('feature toggles', 'feature-toggles'), p('automated acceptance tests', 'acceptance-tests'), p('developers write the tests')],
    doraBand: 'high/medium boundary',
  },
  {
    number: 4, name: '4th gear', rhythm: 'every 2–3 days',
    limitingFactor: 'efficiency',
    shiftUp: [p('deploy every commit unattended (`trigger: commit`)', 'continuous-trigger'), p('monitor after every deploy', 'monitoring'), p('alert on error spikes', 'alert-webhook'), p('fix forward fast')],
    doraBand: 'high',
  },
  {
    number: 5, name: '5th gear', rhythm: 'every commit (continuous)',
    limitingFactor: 'commits per day and the longest pipeline step',
    shiftUp: [p('shorten the longest stage'), p('run independent stages in parallel', 'parallel-stages')],
    doraBand: 'elite',
  },
];

/** The gear's practices in the talk's words. */
export const practiceSteps = (gear: Gear): string[] => gear.shiftUp.map((practice) => practice.step);

export const DORA_SOURCE = 'DORA bands: Accelerate State of DevOps 2024';
