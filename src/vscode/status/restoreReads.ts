import type { NewestRuns } from '../../core/history';
import type { RunRecord } from '../../core/pipeline';
import { readBackToGreen } from '../../core/redgreen';
import { ReadOrder } from '../monorepo/readOrder';

/** What a read needs of a folder's engine: its own lines written first, then its history. */
export interface RestoreSource {
  settle(): Promise<unknown>;
  history(): Promise<{ readNewest(limit: number): Promise<NewestRuns> }>;
}

/** A read's answer; `overtaken` when a read started later has answered already (this one is older news). */
export type RestoreAnswer = { kind: 'runs'; runs: RunRecord[] } | { kind: 'failed'; error: Error } | { kind: 'overtaken' };

/**
 * The status item's reads of a folder's history back to its last green (its red period, its newest
 * record), one each time another process writes there. They overlap (the history watch calls every
 * 250 ms while a CLI run writes) and end in any order: one begun while the pipeline was red reads
 * further back, so it often ended after one begun once the CLI's green run was written, and put the
 * old red back, with nothing left to change it: the item stayed red (flaky36). Only an answer newer
 * than the one shown is shown. Plain node: tested in the unit tier.
 */
export class RestoreReads {
  private readonly orders = new Map<string, ReadOrder>();

  /** Reads `key`'s runs newest first, back to green; never rejects. */
  async read(key: string, source: RestoreSource): Promise<RestoreAnswer> {
    const order = this.orders.get(key) ?? new ReadOrder();
    this.orders.set(key, order);
    const n = order.start();
    let answer: RestoreAnswer;
    try {
      await source.settle(); // our own history lines are all written first
      const history = await source.history();
      answer = { kind: 'runs', runs: await readBackToGreen((limit) => history.readNewest(limit)) };
    } catch (e) {
      answer = { kind: 'failed', error: e as Error };
    }
    return order.apply(n) ? answer : { kind: 'overtaken' };
  }
}
