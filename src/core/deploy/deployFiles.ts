/**
 * A repository's deploy.json and deploy.lock, next to its run history
 * (the pipeline's state folder, history/pipelineState.ts), shared by the CLI and every editor window.
 */
import { fileIo } from '../fileio';
import { DeployLock, deployRunning } from './deployLock';
import { type PendingDecision, type SwitchIntent, wholeFileProblem } from './stateModel';
import { interruptedSwitch, liveUnknownText } from './switchIntent';
import { DeployStateStore, type StateRead } from './stateStore';

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

/**
 * A release waiting for Keep / Roll Back, or why deploy.json cannot tell (`corrupt`: the store's
 * reason and way out); `liveUnknown`: a switch was interrupted, so which slot is live is unknown.
 */
export interface DecisionState { decision?: PendingDecision; corrupt?: string; liveUnknown?: { intent: SwitchIntent; message: string } }

/**
 * Whether a release waits for a decision, read from deploy.json in `dir` now (another process may
 * have paused or decided one): what Keep, the editor's status bar and `gearshift status` ask.
 */
export async function decisionStateIn(dir: string): Promise<DecisionState> {
  const { store, lock } = deployContextIn(dir);
  const quick = await decisionOnly(store.file);
  if (quick) { return quick; }
  return decisionStateOf(await store.read(), lock);
}

/**
 * deploy.json read once, whole (the store's read), and the decision state it gives: for a caller
 * that needs the state too (`gearshift status`'s production line), rather than a second read.
 */
export async function deployStateIn(dir: string): Promise<{ read: StateRead; decision: DecisionState }> {
  const { store, lock } = deployContextIn(dir);
  const read = await store.read();
  return { read, decision: await decisionStateOf(read, lock) };
}

async function decisionStateOf({ state, corrupt }: StateRead, lock: DeployLock): Promise<DecisionState> {
  if (corrupt !== undefined) { return { corrupt }; }
  const intent = state.switching ? interruptedSwitch(state, await deployRunning(lock)) : undefined;
  return {
    ...(state.decision ? { decision: state.decision } : {}),
    ...(intent ? { liveUnknown: { intent, message: liveUnknownText(intent, undefined) } } : {}),
  };
}

/**
 * The decision of a file that is whole, without the store's check of every record: at the
 * 2000-record cap that check cost `gearshift status` a few ms (docs/benchmarks-journal.md, "decision"). Undefined
 * when the file cannot be read or is corrupt as a whole: the store then says why, in its words.
 */
async function decisionOnly(file: string): Promise<DecisionState | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fileIo.readFile(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? {} : undefined;
  }
  // Nearly always no release waits. The store writes the key as "decision" (JSON.stringify), so a
  // file that looks whole without those bytes holds none: not decoded, not parsed (516 KB at the
  // record cap cost `gearshift status` ≈ 3.5 ms of CPU; a file damaged inside is still the store's to report).
  if (bytes.indexOf('"decision"') < 0 && bytes.indexOf('"switching"') < 0 && looksWhole(bytes)) { return {}; }
  let value: unknown;
  try { value = JSON.parse(bytes.toString('utf8')); } catch { return undefined; }
  // A switch intent needs the lock's holder asked: the store's read answers.
  if (wholeFileProblem(value) !== undefined || (value as { switching?: unknown }).switching !== undefined) { return undefined; }
  const { decision } = value as { decision?: PendingDecision };
  return decision ? { decision } : {};
}

/** Its first and last non-blank bytes are `{` and `}`: not cut short. */
function looksWhole(bytes: Buffer): boolean {
  const blank = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  let first = 0;
  while (first < bytes.length && blank(bytes[first])) { first++; }
  let last = bytes.length - 1;
  while (last > first && blank(bytes[last])) { last--; }
  return last > first && bytes[first] === 0x7b && bytes[last] === 0x7d;
}
