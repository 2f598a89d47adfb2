/**
 * The Feature Toggles model for every workspace folder: the flags listing (per environment),
 * references and ages, refreshed when a flags file or any saved file changes (coalesced).
 * The tree, the hovers and Problems are views of it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { findConfigFile, loadPipeline, type Pipeline } from '../../core/config';
import { flagsContextFor, listFlags, savedFileMayChangeListing, type FlagListing, type FlagRow, type FlagsContext } from '../../core/flags';

export interface FolderFlags {
  readonly folder: vscode.WorkspaceFolder;
  readonly ctx: FlagsContext;
  readonly listing: FlagListing;
  /** `checkout: clean`: the stage that ships flag changes ships the committed file (the production question says so). */
  readonly cleanCheckout: boolean;
}

/** One flag across environments, as the tree and the hover show it. */
export interface FlagSummary {
  readonly key: string;
  readonly folder: FolderFlags;
  readonly rows: readonly FlagRow[];
}

const REFRESH_DELAY_MS = 300;

export class FlagsModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private folders: FolderFlags[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** One watcher per flags file in use: a `flags: file:` name the default glob does not match is watched too. */
  private readonly fileWatchers = new Map<string, vscode.Disposable>();
  private disposed = false;
  /** Saves seen, and those that could not change the listing (no search for them): the snapshot command reports both. */
  readonly saves = { seen: 0, skipped: 0 };

  constructor(private readonly log: (message: string) => void) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((doc) => this.saved(doc)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule()),
      // Trust granted: references and ages (git) can be read now, not only after the next save.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/{flags*.json,.gearshift/flags.json,.gearshift.yml}');
    this.disposables.push(watcher, watcher.onDidChange(() => this.schedule()), watcher.onDidCreate(() => this.schedule()), watcher.onDidDelete(() => this.schedule()));
  }

  get all(): readonly FolderFlags[] { return this.folders; }

  /** Every folder's flags, merged across environments: one key may be in several folders (flagTarget.ts picks). */
  summaries(): FlagSummary[] {
    const out: FlagSummary[] = [];
    for (const f of this.folders) {
      const keys = [...new Set(f.listing.rows.map((r) => r.key))];
      for (const key of keys) { out.push({ key, folder: f, rows: f.listing.rows.filter((r) => r.key === key) }); }
    }
    return out;
  }

  /** Coalesces bursts of saves and file events into one refresh. */
  schedule(): void {
    if (this.timer) { clearTimeout(this.timer); }
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, REFRESH_DELAY_MS);
  }

  /** A save refreshes only when it can change what the listing shows (core/flags/savedFile.ts says why). */
  private saved(doc: vscode.TextDocument): void {
    this.saves.seen++;
    const folder = doc.uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
    // Outside every folder (user settings, another repository's file) nothing the view lists changes.
    const known = folder && this.folders.find((f) => f.folder.uri.toString() === folder.uri.toString());
    const mayChange = folder !== undefined && (known === undefined || savedFileMayChangeListing(known.listing, known.ctx.root, doc.uri.fsPath, doc.getText()));
    if (mayChange) { this.schedule(); } else { this.saves.skipped++; }
  }

  /** Re-reads everything; concurrent callers share one pass and the next starts after it. */
  async refresh(): Promise<void> {
    const previous = this.running;
    const next = (async () => {
      await previous?.catch(() => undefined);
      this.folders = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.read(folder)));
      this.watchFlagsFiles();
      this.emitter.fire();
    })();
    this.running = next;
    try { await next; } catch (e) { this.log(`feature toggles: ${(e as Error).message}`); }
  }

  private async read(folder: vscode.WorkspaceFolder): Promise<FolderFlags> {
    const root = folder.uri.fsPath;
    const configFile = findConfigFile(root);
    const pipeline = configFile ? await pipelineOf(configFile) : undefined;
    // A folder without Gearshift: its flags.json is another tool's unless it declares flagd's $schema (review37a F2).
    const ctx: FlagsContext = { ...flagsContextFor(root, pipeline?.flags), ...(configFile ? {} : { onlyDeclared: true }) };
    // git (grep, log) reads the repository's config, which an untrusted workspace controls.
    const trusted = vscode.workspace.isTrusted;
    const listing = await listFlags(ctx, { references: trusted, gitHistory: trusted });
    return { folder, ctx, listing, cleanCheckout: pipeline?.checkout === 'clean' };
  }

  /** Changes from outside the editor (the CLI, a pull) to any flags file in use refresh the view. */
  private watchFlagsFiles(): void {
    if (this.disposed) { return; }
    // A linked flags file changes where its target is: no event reaches the link's own watcher.
    const inUse = new Set(this.folders.flatMap((f) => f.listing.files.flatMap((file) => withLinkTarget(file.ref.path))));
    for (const [file, watcher] of this.fileWatchers) {
      if (!inUse.has(file)) { watcher.dispose(); this.fileWatchers.delete(file); }
    }
    for (const file of inUse) {
      if (this.fileWatchers.has(file)) { continue; }
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const events = [watcher.onDidChange(() => this.schedule()), watcher.onDidCreate(() => this.schedule()), watcher.onDidDelete(() => this.schedule())];
      this.fileWatchers.set(file, { dispose: () => { for (const d of [...events, watcher]) { d.dispose(); } } });
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) { clearTimeout(this.timer); }
    for (const d of this.disposables.splice(0)) { d.dispose(); }
    for (const w of this.fileWatchers.values()) { w.dispose(); }
    this.fileWatchers.clear();
  }
}

async function pipelineOf(file: string): Promise<Pipeline | undefined> {
  const loaded = await loadPipeline(file);
  return loaded.ok ? loaded.pipeline : undefined;
}

/** The file and, when it is a symbolic link, the file it resolves to. */
function withLinkTarget(file: string): string[] {
  try {
    const target = fs.realpathSync(file);
    return target === file ? [file] : [file, target];
  } catch {
    return [file]; // missing or unreadable: its own watcher sees it appear
  }
}
