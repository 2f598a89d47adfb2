/**
 * Whether saving one file can change a flags listing. The listing's references come from a
 * `git grep` over the whole repository; under auto save the editor saves about once a second
 * while someone types, and a search per save is a repository-wide grep (plus a `git log` per
 * flags file) every second. Most saved files neither mention a flag key nor held a reference, and
 * then the listing is exactly what it was.
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../config';
import type { FlagListing } from './list';

/** 500 flags × a 40 KB file of code: ≈ 12 ms of `includes` here (cold), well under one git grep. */
const MAX_SCANNED_CHARS = 20_000_000;

/**
 * `root` is the listing's repository root (`FlagsContext.root`, where git grep ran: the references'
 * paths are relative to it). Errs towards true: a false skips a refresh the user would miss.
 */
export function savedFileMayChangeListing(listing: FlagListing | undefined, root: string, savedPath: string, text: string): boolean {
  if (listing === undefined) { return true; }
  const saved = path.resolve(savedPath);
  if (path.basename(saved) === CONFIG_FILE_NAME /* it names the flags files (`flags:`) */ || listing.files.some((f) => path.resolve(f.ref.path) === saved)) { return true; }
  const refs = listing.references;
  // Not searched (an untrusted workspace): code files change nothing the listing shows.
  if (refs === undefined) { return false; }
  if (refs.problem !== undefined) { return true; }
  for (const found of refs.byKey.values()) {
    if (found.some((r) => path.resolve(root, r.file) === saved)) { return true; }
  }
  const keys = new Set(listing.rows.map((row) => row.key).filter((key) => key !== ''));
  // One scan of the text per key: past this the single git grep is the cheaper way to know.
  if (text.length * keys.size > MAX_SCANNED_CHARS) { return true; }
  for (const key of keys) { if (text.includes(key)) { return true; } }
  return false;
}
