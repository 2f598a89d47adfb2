import * as vscode from 'vscode';
import { commitRunState, waitingWords, type CommitRun, type WaitingCommit } from '../../core/automation';
import type { TrackedCommit } from '../../core/git';
import { formatElapsed, printable, shortSha, treeText } from '../../core/format';
import type { FolderAutomation } from './folderAutomation';
import { folderName } from '../pipeline/folderName';
import { waitingFor } from './commitsWaiting';

/** How often visible ages are redrawn: they read in seconds only for the first minute. */
const AGE_TICK_MS = 30_000;

type Node =
  | { kind: 'folder'; automation: FolderAutomation }
  | { kind: 'summary'; text: string; tooltip: string }
  /** `tracked`: what the window's tracker knows of it (branch, how it was made); absent for a commit made before. */
  | { kind: 'commit'; automation: FolderAutomation; commit: WaitingCommit; tracked?: TrackedCommit };

const RUN_ICON: Record<string, [string, string | undefined]> = {
  green: ['pass-filled', 'testing.iconPassed'],
  red: ['error', 'testing.iconFailed'],
  running: ['sync~spin', undefined],
  cancelled: ['circle-slash', undefined],
  interrupted: ['circle-slash', undefined],
};

/**
 * "Commits to Deploy": HEAD's commits production does not serve, newest first, each with the
 * state of the run that covered it; the header counts them all, the deploy dialog lists the same
 * range. Subjects are labels (plain text in a tree, never Markdown or HTML).
 */
export class CommitsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  static readonly viewId = 'gearshift.commits';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly folders: () => FolderAutomation[]) {}

  refresh(): void { this.changed.fire(); }

  /**
   * Ages ("6s ago") move while the view is visible: redrawn every AGE_TICK_MS, the timer stopped when it is
   * hidden (firsthour34 F7). Relative ages rather than times of day: "how long has this waited for production"
   * is the view's question, and its summary's "oldest 3m" must agree with the rows. The returned
   * disposable disposes the view and ends the timer.
   */
  ticking(view: vscode.TreeView<Node>): vscode.Disposable {
    let timer: NodeJS.Timeout | undefined;
    const follow = (visible: boolean): void => {
      clearInterval(timer);
      timer = visible ? setInterval(() => this.refresh(), AGE_TICK_MS) : undefined;
    };
    follow(view.visible);
    const sub = view.onDidChangeVisibility((e) => { if (e.visible) { this.refresh(); } follow(e.visible); });
    return vscode.Disposable.from(sub, view, { dispose: () => clearInterval(timer) });
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const tracking = this.folders().filter((a) => a.trigger);
    if (!node) {
      if (tracking.length === 1) { return this.commitsOf(tracking[0]); }
      return tracking.map((automation) => ({ kind: 'folder', automation }));
    }
    return node.kind === 'folder' ? this.commitsOf(node.automation) : [];
  }

  private async commitsOf(a: FolderAutomation): Promise<Node[]> {
    if (!a.trigger) { return []; }
    const waiting = await waitingFor(a);
    if (!waiting) { return trackedOnly(a); }
    const tracked = new Map(a.trigger.tracked().map((t) => [t.sha, t]));
    const summary: Node = { kind: 'summary', ...waiting.summary };
    return [summary, ...waiting.commits.map((commit): Node => ({ kind: 'commit', automation: a, commit, ...withTracked(tracked.get(commit.sha)) }))];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(folderName(node.automation.fp.folder), vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.Folder;
      return item;
    }
    if (node.kind === 'summary') {
      const item = new vscode.TreeItem(node.text);
      item.tooltip = node.tooltip;
      // VS Code reads a string tooltip instead of the label: the count and age must be heard too.
      item.accessibilityInformation = { label: `${node.text}. ${node.tooltip}` };
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    const c = node.commit;
    const run = node.automation.trigger?.commitRun(c.sha);
    const t = node.tracked;
    const item = new vscode.TreeItem(c.subject ? treeText(c.subject) : '(no subject)');
    item.id = `${node.automation.fp.folder.uri.toString()}#${c.sha}`;
    const age = formatElapsed(Date.now() - Date.parse(c.time));
    // A commit the trigger refused (HEAD moved past it) will not run: "not run" alone would read as "soon".
    const refused = run ? undefined : node.automation.trigger?.notRun(c.sha);
    // The commit's verdict, not a later re-run's cancel (firsthour34 F17).
    const shown = run && commitRunState(run);
    const state = shown ? `${shown.state}${shown.note ? ` (${shown.note})` : ''}` : refused !== undefined ? `not run: ${notRunShort(refused)}` : 'not run';
    item.description = `${shortSha(c.sha)} · ${age} ago · ${state}`;
    const [icon, color] = RUN_ICON[shown?.state ?? ''] ?? ['git-commit', undefined];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const tip = new vscode.MarkdownString();
    const made = t ? `${t.branch ? printable(t.branch) : 'detached HEAD'} · ${printable(t.operation)}` : 'made before this window opened';
    tip.appendText(`${c.sha}\n${printable(c.subject)}\n\n${printable(c.author)} · ${made}\n${runText(c.sha, run, refused)}`);
    item.tooltip = tip;
    item.contextValue = 'commit';
    return item;
  }

  dispose(): void { this.changed.dispose(); }
}

/**
 * Git could not say (not a work tree, unborn HEAD, history unreadable): what the window's tracker saw since it
 * opened, said as such.
 */
function trackedOnly(a: FolderAutomation): Node[] {
  const waiting = a.trigger?.undeployed();
  if (!waiting || waiting.count === 0) {
    return [{ kind: 'summary', text: 'No new commits seen since this window opened', tooltip: 'New local commits appear here until a green run takes them to production.' }];
  }
  const oldest = waiting.oldest ? formatElapsed(Date.now() - Date.parse(waiting.oldest.time)) : '?';
  const summary: Node = { kind: 'summary', text: `${waitingWords(waiting.count, waiting.finish)} since this window opened · oldest ${oldest}`, tooltip: 'Commits made since this window opened that no green run has taken to the end of the pipeline (git could not list HEAD\'s commits).' };
  return [summary, ...[...waiting.commits].reverse().map((t): Node => ({ kind: 'commit', automation: a, commit: t, tracked: t }))];
}

function withTracked(t: TrackedCommit | undefined): { tracked?: TrackedCommit } { return t ? { tracked: t } : {}; }

/** The row's short reason: the refusal under checkout: workspace is the one the trigger gives for good. */
function notRunShort(reason: string): string {
  return /is no longer HEAD/.test(reason) ? 'HEAD moved past it (checkout: workspace)' : 'could not start';
}

/** The tooltip's last line: the run, why it is no verdict (HEAD moved during it), or why there is none. */
function runText(sha: string, run: CommitRun | undefined, refused: string | undefined): string {
  if (run) {
    const covered = run.runSha !== sha ? ` (covered by the run for ${run.runSha.slice(0, 8)})` : '';
    const verdict = run.verdict && run.state !== 'running' ? `Run ${run.verdict.state}; a later re-run was ${run.state}` : `Run ${run.state}`;
    return `${verdict}${covered}${run.reason !== undefined ? `: ${printable(run.reason)}` : ''}`;
  }
  return refused !== undefined ? `Not run: ${printable(refused)}` : 'No run yet';
}
