/**
 * The question asked before a flag change serves something other than off in production
 * (servesProduction.ts decides when), in the same words by the CLI (`flags set`, `flags undo`)
 * and the editor (Toggle Feature, Set Default Variant, Undo): the flag, the value, production,
 * the file written; the detail says when production serves it, as `flags set` says after the
 * change (cli/commands/flagsShipNote.ts). To whom (review33 L6): everyone, or as the flag's
 * targeting picks, judged by flagd's evaluation after the change (servesProduction.ts).
 *
 * Keys, variants, files, folder and stage names are data from workspace files (and the history
 * file): each is made printable here, escaped, so a newline or an escape sequence in one can
 * neither break the line nor forge words in the editor's modal or at the terminal (review33 L2).
 */
import { printable } from '../format';
import { ALL_ENVIRONMENTS } from './files';
import type { ServedAfter } from './servesProduction';

export interface ServeInProductionFacts {
  readonly key: string;
  /** What production serves after the change (setServesInProduction / undoServesInProduction). */
  readonly served: string;
  /** The environment of the file written: production's own, or ALL_ENVIRONMENTS for the one file. */
  readonly environment: string;
  /** The file written, as the user sees it (relative to where they are). */
  readonly file: string;
  /** `flags.deployStage`: the stage that ships flag changes, if any. */
  readonly deployStage?: string;
  /** `checkout: clean`: the deploy stage ships the committed file. */
  readonly cleanCheckout?: boolean;
  readonly undo?: boolean;
  /** Served only to the requests its targeting picks (ServedAfter `toSome`): said, not overstated. */
  readonly toSome?: boolean;
  /** What the others get (ServedAfter `others`: variants, null for the code default). */
  readonly others?: readonly (string | null)[];
  /** With `toSome`: whom the targeting names. */
  readonly names?: readonly string[];
  /** With several folders open (the editor): the folder the file is in. */
  readonly folder?: string;
}

export interface ServeQuestion {
  /** One line, ending in "?": `Serve new-checkout as "on" in production (writes flags.json)?` */
  readonly question: string;
  /** Which file that is and when production serves the change. */
  readonly detail: string;
}

/** The facts of ServedAfter, as the question takes them. */
export function servedFacts(s: ServedAfter): Pick<ServeInProductionFacts, 'served' | 'toSome' | 'others' | 'names'> {
  return { served: s.variant, toSome: s.toSome, others: s.others, names: s.names };
}

export function serveInProductionQuestion(f: ServeInProductionFacts): ServeQuestion {
  const file = shown(f.file);
  const where = `writes ${file}${f.folder !== undefined ? ` in folder ${shown(f.folder)}` : ''}`;
  const key = shown(f.key);
  const what = `as "${shown(f.served)}"${f.toSome === true ? toSomeText(f) : ''}`;
  // Where the targeting picks something else for some requests: said after the file, so the question still ends in it.
  const except = f.toSome !== true && (f.others?.length ?? 0) > 0 ? `, except where its targeting picks ${valuesText(f.others ?? [])}` : '';
  const question = f.undo === true
    ? `Undo: serve ${key} ${what} in production again (${where})${except}?`
    : `Serve ${key} ${what} in production (${where})${except}?`;
  const every = f.environment === ALL_ENVIRONMENTS ? ' (every environment does)' : '';
  return { question, detail: `Production reads ${file}${every} and serves the change once ${whenShipped(f)}. Turning it off again is never asked.` };
}

/** Data as one line, controls escaped (`\x0a`), bounded. */
const shown = (data: string): string => printable(data, { max: 200 });

/** ` to the requests its targeting picks (dev@example.com), "off" to the others,` */
function toSomeText(f: ServeInProductionFacts): string {
  const names = (f.names?.length ?? 0) > 0 ? ` (${(f.names ?? []).map(shown).join(', ')})` : '';
  const others = (f.others?.length ?? 0) > 0 ? `, ${valuesText(f.others ?? [])} to the others,` : '';
  return ` to the requests its targeting picks${names}${others}`;
}

/** `"off"`, `"yellow" or "red"`, `the code default`. */
function valuesText(values: readonly (string | null)[]): string {
  return values.map((v) => (v === null ? 'the code default' : `"${shown(v)}"`)).join(' or ');
}

/** As the note after `flags set` says it: committed and deployed, or once the stage that ships flag changes runs. */
function whenShipped(f: ServeInProductionFacts): string {
  if (f.deployStage === undefined) { return 'it is committed and deployed'; }
  const stage = shown(f.deployStage);
  return f.cleanCheckout === true ? `it is committed and "${stage}" runs` : `"${stage}" runs`;
}
