/**
 * The one reading of a folder's package.json for the export: what a `--via-cli` job installs
 * (viaCliDetect.ts) and whether a plain export's jobs would miss the dependencies (dependencyNote.ts).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface PackageJson { readonly engines?: { readonly node?: unknown }; readonly dependencies?: unknown; readonly devDependencies?: unknown }

/** The folder's package.json; undefined when it is missing, not JSON, or not an object (npm itself says so in a job). */
export async function readPackage(folder: string): Promise<PackageJson | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8'));
    return typeof value === 'object' && value !== null ? value as PackageJson : undefined;
  } catch {
    return undefined;
  }
}

/** The names its dependencies and devDependencies list, in that order (a list that is not an object lists none). */
export function dependencyNames(pkg: PackageJson): string[] {
  return [pkg.dependencies, pkg.devDependencies].flatMap((list) => typeof list === 'object' && list !== null ? Object.keys(list) : []);
}

/** The specs (`^1.0.0`, `file:…`) its dependencies and devDependencies give `name`; a spec that is not text is left out. */
export function dependencySpecs(pkg: PackageJson, name: string): string[] {
  return [pkg.dependencies, pkg.devDependencies].flatMap((list) => {
    const spec = typeof list === 'object' && list !== null ? (list as Record<string, unknown>)[name] : undefined;
    return typeof spec === 'string' ? [spec] : [];
  });
}
