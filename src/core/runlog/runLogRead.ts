/** Reading saved logs back: the runs that have some, newest first, and one stage's log. */
import * as path from 'node:path';
import { fileIo } from '../fileio';
import { RUN_FILE, parseStageFile, runDir, runLogsRoot, stageIndexOf, type RunLogMeta, type StageLogHeader } from './runLogFiles';

export interface SavedRun { readonly meta: RunLogMeta; readonly dir: string }
export interface SavedStage { readonly header: StageLogHeader; readonly file: string }
export interface StageLog { readonly header?: StageLogHeader; readonly text: string }

/** Every saved run with a readable run.json, newest first (by startedAt). */
export async function listSavedRuns(dataDir: string): Promise<SavedRun[]> {
  const root = runLogsRoot(dataDir);
  const entries = await fileIo.readdirEntries(root).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') { return []; } throw e; });
  const runs: SavedRun[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) { continue; }
    const dir = path.join(root, entry.name);
    const meta = await readMeta(dir);
    if (meta) { runs.push({ meta, dir }); }
  }
  return runs.sort((a, b) => Date.parse(b.meta.startedAt) - Date.parse(a.meta.startedAt));
}

/** The run's saved stages in pipeline order (their headers), or undefined when it has no folder. */
export async function savedStages(dataDir: string, runId: string): Promise<SavedStage[] | undefined> {
  const dir = runDir(dataDir, runId);
  const entries = await fileIo.readdirEntries(dir).catch(() => undefined);
  if (!entries) { return undefined; }
  const stages: SavedStage[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || stageIndexOf(entry.name) === undefined) { continue; }
    const file = path.join(dir, entry.name);
    const log = await readStageFile(file);
    if (log?.header) { stages.push({ header: log.header, file }); }
  }
  return stages.sort((a, b) => a.header.index - b.header.index);
}

/** The saved log of the stage named `stage` in run `runId`; undefined when none was saved. */
export async function readStageLog(dataDir: string, runId: string, stage: string): Promise<StageLog | undefined> {
  const found = (await savedStages(dataDir, runId))?.find((s) => s.header.stage === stage);
  return found ? readStageFile(found.file) : undefined;
}

export async function readStageFile(file: string): Promise<StageLog | undefined> {
  const text = await fileIo.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) { return undefined; }
  const { header, body } = parseStageFile(text);
  return { ...(header ? { header } : {}), text: body };
}

async function readMeta(dir: string): Promise<RunLogMeta | undefined> {
  try {
    const meta = JSON.parse(await fileIo.readFile(path.join(dir, RUN_FILE), 'utf8')) as RunLogMeta;
    return meta && typeof meta.id === 'string' && typeof meta.startedAt === 'string' ? meta : undefined;
  } catch { return undefined; }
}
