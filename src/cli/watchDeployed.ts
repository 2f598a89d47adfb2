/**
 * The watch's production line: what went live, from which branch, and, when its commit lacks commits
 * live before (another branch's line, a detached HEAD, an older commit), what it replaced: the fact
 * `deploy production` asks about before it deploys, said here after the fact (review40 M1).
 */
import { announcementOf, replacedWords } from '../core/automation';
import type { PipelineEngine } from '../core/engine';
import { printable, shortSha } from '../core/format';
import type { Style } from '../core/render';

/** "⇡ in production now: 1a2b3c4d (feature); replaces 5e6f7a8b, removing 2 commits live before" */
export async function deployedLine(engine: PipelineEngine, e: { shas: readonly string[]; runId: string }, s: Style): Promise<string> {
  const said = await announcementOf(engine, e.runId).catch(() => undefined);
  const branch = said?.run.branch;
  const where = typeof branch !== 'string' ? '' : ` (${branch === '' ? 'detached' : printable(branch)})`;
  const head = `⇡ in production now: ${e.shas.map(shortSha).join(', ')}${where}`;
  return said?.replaced ? `${s.yellow(`${head}; ${replacedWords(said.replaced)}`)}\n` : `${s.green(head)}\n`;
}
