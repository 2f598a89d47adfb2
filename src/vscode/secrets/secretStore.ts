/**
 * Secrets in VS Code's SecretStorage, per repository: each value under a key made of a hash of
 * the folder's path and the name, and the list of names (names only, never values) beside
 * them, so *List Secrets* can show what is set without reading a value.
 */
import { createHash } from 'node:crypto';
import type * as vscode from 'vscode';
import type { SecretSource } from '../../core/secrets';

const PREFIX = 'gearshift.secret';

export class RepoSecretStore {
  constructor(private readonly storage: vscode.SecretStorage) {}

  /** What the engine of `folderPath` reads values from. */
  source(folderPath: string): SecretSource {
    return async (name) => this.storage.get(this.key(folderPath, name));
  }

  async set(folderPath: string, name: string, value: string): Promise<void> {
    await this.storage.store(this.key(folderPath, name), value);
    const names = new Set(await this.names(folderPath));
    names.add(name);
    await this.saveNames(folderPath, names);
  }

  /** False when no such secret was set. */
  async delete(folderPath: string, name: string): Promise<boolean> {
    const names = new Set(await this.names(folderPath));
    const had = names.delete(name);
    await this.storage.delete(this.key(folderPath, name));
    await this.saveNames(folderPath, names);
    return had;
  }

  /** Names set for this repository, sorted. */
  async names(folderPath: string): Promise<string[]> {
    const text = await this.storage.get(this.namesKey(folderPath));
    try {
      const parsed = text ? JSON.parse(text) as unknown : [];
      return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string').sort() : [];
    } catch {
      return [];
    }
  }

  private saveNames(folderPath: string, names: Set<string>): Thenable<void> {
    return this.storage.store(this.namesKey(folderPath), JSON.stringify([...names].sort()));
  }

  private key(folderPath: string, name: string): string { return `${PREFIX}.${repoId(folderPath)}.${name}`; }
  private namesKey(folderPath: string): string { return `${PREFIX}-names.${repoId(folderPath)}`; }
}

/** A stable, short id of a repository's folder (its path need not appear in the key). */
function repoId(folderPath: string): string {
  return createHash('sha256').update(folderPath).digest('hex').slice(0, 16);
}
