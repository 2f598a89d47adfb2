/**
 * The five gears of production deployment, from Dan Davis's talk "So You Want to Go Faster?
 * A Journey to Continuous Deployment" (2018). Static knowledge: which gear a team is in is
 * measured elsewhere from history; this table says what each gear means and how to shift up.
 */

export type GearNumber = 1 | 2 | 3 | 4 | 5;

export interface Gear {
  readonly number: GearNumber;
  readonly name: string;
  readonly rhythm: string;
  /** The talk's main limiting factor for shifting up from this gear. */
  readonly limitingFactor: string;
  /** Practices that shift a team up from this gear. */
  readonly shiftUp: readonly string[];
  /** The DORA deployment-frequency band it lines up with (the 2024 report's wording matches 2019's). */
  readonly doraBand: string;
}

export const GEARS: readonly Gear[] = [
  {
    number: 1, name: '1st gear', rhythm: 'about monthly',
    limitingFactor: 'deployment failure rate',
    shiftUp: ['automate deployments', 'test, then deploy: a pipeline for every change', "don't let the pipeline stay red"],
    doraBand: 'medium/low boundary',
  },
  {
    number: 2, name: '2nd gear', rhythm: 'once per sprint',
    limitingFactor: 'environments (downtime)',
    shiftUp: ['provision consistent environments automatically', 'blue/green deployment', 'deploy in the daytime'],
    doraBand: 'medium',
  },
  {
    number: 3, name: '3rd gear', rhythm: 'weekly',
    limitingFactor: 'unready / unfinished code',
    shiftUp: ['feature toggles', 'automated acceptance tests', 'developers write the tests'],
    doraBand: 'high/medium boundary',
  },
  {
    number: 4, name: '4th gear', rhythm: 'every 2–3 days',
    limitingFactor: 'efficiency',
    shiftUp: ['monitor after every deploy', 'alert on error spikes', 'fix forward fast'],
    doraBand: 'high',
  },
  {
    number: 5, name: '5th gear', rhythm: 'every commit (continuous)',
    limitingFactor: 'commits per day and the longest pipeline step',
    shiftUp: ['shorten the longest stage', 'run independent stages in parallel'],
    doraBand: 'elite',
  },
];

export const DORA_SOURCE = 'DORA bands: Accelerate State of DevOps 2024';
