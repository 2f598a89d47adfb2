/**
 * The question asked before a flag change serves something other than off in production
 * (servesProduction.ts decides when), in the same words by the CLI (`flags set`, `flags undo`)
 * and the editor (Toggle Feature, Set Default Variant, Undo): the flag, the value, production,
 * the file written; the detail says when production serves it, as `flags set` says after the
 * change (cli/commands/flagsShipNote.ts). Plain text: each front end makes it printable.
 */
import { ALL_ENVIRONMENTS } from './files';

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
  /** Served only to the requests its targeting picks (undoServedInProduction `toSome`): said, not overstated. */
  readonly toSome?: boolean;
  /** With several folders open (the editor): the folder the file is in. */
  readonly folder?: string;
}

export interface ServeQuestion {
  /** One line, ending in "?": `Serve new-checkout as "on" in production (writes flags.json)?` */
  readonly question: string;
  /** Which file that is and when production serves the change. */
  readonly detail: string;
}

export function serveInProductionQuestion(f: ServeInProductionFacts): ServeQuestion {
  const where = `writes ${f.file}${f.folder !== undefined ? ` in folder ${f.folder}` : ''}`;
  const whom = f.toSome === true ? ' to the requests its targeting picks' : '';
  const question = f.undo === true
    ? `Undo: serve ${f.key} as "${f.served}"${whom} in production again (${where})?`
    : `Serve ${f.key} as "${f.served}"${whom} in production (${where})?`;
  const every = f.environment === ALL_ENVIRONMENTS ? ' (every environment does)' : '';
  return { question, detail: `Production reads ${f.file}${every} and serves the change once ${whenShipped(f)}. Turning it off again is never asked.` };
}

/** As the note after `flags set` says it: committed and deployed, or once the stage that ships flag changes runs. */
function whenShipped(f: ServeInProductionFacts): string {
  if (f.deployStage === undefined) { return 'it is committed and deployed'; }
  return f.cleanCheckout === true ? `it is committed and "${f.deployStage}" runs` : `"${f.deployStage}" runs`;
}
