/**
 * A repository's deploy.json and deploy.lock, next to its run history
 * (`<git common dir>/gearshift/`), shared by the CLI and every editor window.
 */
import { fileIo } from '../fileio';
import { DeployLock } from './deployLock';
import { type PendingDecision, wholeFileProblem } from './stateModel';
import { DeployStateStore } from './stateStore';

export interface DeployContext {
  dir: string;
  store: DeployStateStore;
  lock: DeployLock;
}

/** Anything that knows where a repository's Gearshift data lives (a PipelineEngine). */
export interface HasDataDir { dataDir(): Promise<string> }

/** One per folder in this process: the store orders its own updates in memory (the file lock alone would make them poll). */
const contexts = new Map<string, DeployContext>();

export async function deployContext(owner: HasDataDir): Promise<DeployContext> {
  return deployContextIn(await owner.dataDir());
}

export function deployContextIn(dir: string): DeployContext {
  let context = contexts.get(dir);
  if (!context) {
    context = { dir, store: new DeployStateStore(dir), lock: new DeployLock(dir) };
    contexts.set(dir, context);
  }
  return context;
}

/** A release waiting for Keep / Roll Back, or why deploy.json cannot tell (`corrupt`: the store's reason and way out). */
export interface DecisionState { decision?: PendingDecision; corrupt?: string }

/**
 * Whether a release waits for a decision, read from deploy.json in `dir` now (another process may
 * have paused or decided one): what Keep, the editor's status bar and `gearshift status` ask.
 */
export async function decisionStateIn(dir: string): Promise<DecisionState> {
  const { store } = deployContextIn(dir);
  const quick = await decisionOnly(store.file);
  if (quick) { return quick; }
  const { state, corrupt } = await store.read();
  if (corrupt !== undefined) { return { corrupt }; }
  return state.decision ? { decision: state.decision } : {};
}

/**
 * The decision of a file that is whole, without the store's check of every record: at the
 * 2000-record cap that check cost `gearshift status` a few ms (docs/benchmarks.md). Undefined
 * when the file cannot be read or is corrupt as a whole: the store then says why, in its words.
 */
async function decisionOnly(file: string): Promise<DecisionState | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await fileIo.readFile(file, 'utf8'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? {} : undefined;
  }
  if (wholeFileProblem(value) !== undefined) { return undefined; }
  const { decision } = value as { decision?: PendingDecision };
  return decision ? { decision } : {};
}
