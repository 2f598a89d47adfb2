/**
 * A repository's deploy.json and deploy.lock, next to its run history
 * (`<git common dir>/gearshift/`), shared by the CLI and every editor window.
 */
import { DeployLock } from './deployLock';
import type { PendingDecision } from './stateModel';
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
  const { state, corrupt } = await deployContextIn(dir).store.read();
  if (corrupt !== undefined) { return { corrupt }; }
  return state.decision ? { decision: state.decision } : {};
}
