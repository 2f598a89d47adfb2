/**
 * Which flag a command's argument means. A key is not enough in a multi-root window: two folders
 * (two services of a monorepo) may each hold a flag of that name, so every argument the editor
 * makes carries the workspace folder (its URI as text), and a key alone matching several folders
 * is asked about. No `vscode` import: the unit tier tests it.
 */
import type { FlagSummary } from './flagsModel';

/** A command's argument from the tree, a hover link or a notification: `{ key, environment?, folder? }`. */
export interface FlagTarget {
  readonly key: string;
  readonly environment?: string;
  /** The workspace folder's URI (`uri.toString()`); its path is accepted too. Absent in links made before folders were named. */
  readonly folder?: string;
}

/** From a link or the view's click (`{ key, environment?, folder? }`), a tree node's context menu (`{ summary, row }`), or a bare key. */
export function targetOf(v: unknown): FlagTarget | undefined {
  if (typeof v === 'string') { return { key: v }; }
  if (typeof v !== 'object' || v === null) { return undefined; }
  const t = v as { key?: unknown; environment?: unknown; folder?: unknown };
  if (typeof t.key === 'string') {
    return { key: t.key, ...(typeof t.environment === 'string' ? { environment: t.environment } : {}), ...(typeof t.folder === 'string' ? { folder: t.folder } : {}) };
  }
  const node = v as { summary?: Partial<FlagSummary>; row?: { environment?: unknown } };
  const summary = node.summary;
  if (typeof summary?.key !== 'string') { return undefined; }
  const folder = summary.folder?.folder.uri.toString();
  return { key: summary.key, ...(typeof node.row?.environment === 'string' ? { environment: node.row.environment } : {}), ...(folder !== undefined ? { folder } : {}) };
}

/** The argument a command gets for this flag (and environment): key and folder, so it acts on this one. */
export function targetFor(summary: FlagSummary, environment?: string): FlagTarget {
  return { key: summary.key, ...(environment !== undefined ? { environment } : {}), folder: summary.folder.folder.uri.toString() };
}

/** Whether a summary lies in the folder named by a target (URI text or path). */
export function inFolder(summary: FlagSummary, folder: string): boolean {
  const uri = summary.folder.folder.uri;
  return uri.toString() === folder || uri.fsPath === folder;
}

/**
 * The flags a target may mean: the one in its folder; with no folder, every folder's flag of
 * that key (one: that one; several: the caller asks which folder).
 */
export function candidatesFor(summaries: readonly FlagSummary[], target: FlagTarget): FlagSummary[] {
  const folder = target.folder;
  return summaries.filter((s) => s.key === target.key && (folder === undefined || inFolder(s, folder)));
}

/**
 * The flag a hover in a document means: the document's folder's flag of that key. A folder with
 * flags of its own means its own (another folder's flag of that name is not this code's); a
 * document in a folder without flags, or in none, sees the flag only when one folder holds it
 * (not a guess between two), and the hover names that folder.
 */
export function flagForDocument(summaries: readonly FlagSummary[], key: string, documentFolder: string | undefined): FlagSummary | undefined {
  const all = summaries.filter((s) => s.key === key);
  if (documentFolder !== undefined) {
    const own = all.find((s) => inFolder(s, documentFolder));
    if (own) { return own; }
    if (summaries.some((s) => inFolder(s, documentFolder))) { return undefined; }
  }
  return all.length === 1 ? all[0] : undefined;
}
