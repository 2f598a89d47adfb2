/**
 * The flags files the walkthrough's toggles step counts: exactly those `gearshift flags` reads
 * (config's lookup: the `flags:` section's files, else `flags.json` or `.gearshift/flags.json`
 * plus `flags.non-prod.json` / `flags.production.json`), so the two never disagree (walk29 M4).
 */
import { presentFlagsFiles, type Pipeline } from '../config';

/** The flags files present in a folder, relative to it; a few stats, nothing deeper. */
export async function findFlagsFiles(root: string, pipeline?: Pick<Pipeline, 'flags'>): Promise<string[]> {
  return Promise.resolve(presentFlagsFiles(root, pipeline?.flags));
}
