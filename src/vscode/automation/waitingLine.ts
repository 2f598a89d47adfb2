import { waitingWords } from '../../core/automation';
import { formatElapsed } from '../../core/format';
import type { FolderAutomation } from './folderAutomation';
import { waitingFor, type Waiting } from './commitsWaiting';

/**
 * The status tooltip's "N commits not in production" line, kept per folder: the count Commits To
 * Deploy's header and the gauge show (waitingFor: what production serves lacks), read again after
 * commits, runs and deploys. The tooltip is drawn synchronously, so it shows the last count read;
 * it counted the commits the window had seen, with the same words (rereview42 F3).
 */
export class WaitingLines {
  /** What waits (words '' when nothing does), the oldest's time kept so its age is said when drawn; null when git cannot say. */
  private readonly lines = new Map<string, Kept | null>();
  private readonly reading = new Set<string>();
  private readonly readAgain = new Set<string>();
  private disposed = false;

  constructor(private readonly redraw: () => void) {}

  /** The line ('' when nothing waits); null when git cannot say; undefined before the first read (which this starts). */
  line(a: FolderAutomation, now = Date.now()): string | null | undefined {
    const key = a.fp.folder.uri.toString();
    if (!this.lines.has(key)) { this.refresh(a); }
    const kept = this.lines.get(key);
    if (!kept) { return kept; }
    return kept.oldest !== undefined ? `${kept.words} (oldest ${formatElapsed(now - Date.parse(kept.oldest))})` : kept.words;
  }

  /** Reads the count again (one read at a time a folder; a request meanwhile reads once more after); redraws when the line changed. */
  refresh(a: FolderAutomation): void {
    const key = a.fp.folder.uri.toString();
    if (this.reading.has(key)) { this.readAgain.add(key); return; }
    this.reading.add(key);
    void waitingFor(a).then((waiting) => {
      if (this.disposed) { return; }
      const kept = waiting ? keptOf(waiting) : null;
      const before = this.lines.get(key);
      this.lines.set(key, kept);
      if (JSON.stringify(before) !== JSON.stringify(kept)) { this.redraw(); }
    }).finally(() => {
      this.reading.delete(key);
      if (this.readAgain.delete(key) && !this.disposed) { this.refresh(a); }
    });
  }

  dispose(): void { this.disposed = true; }
}

interface Kept { words: string; oldest?: string }

/** "3 commits not in production" and the oldest's time, or words '' when none waits. */
function keptOf(w: Waiting): Kept {
  if (w.found.count === 0) { return { words: '' }; }
  const words = waitingWords(w.found.count, w.found.hasProductionStage ? 'production' : 'green run');
  // The oldest is known when every counted commit is listed.
  const oldest = w.commits.length === w.found.count ? w.commits[w.commits.length - 1] : undefined;
  return oldest ? { words, oldest: oldest.time } : { words };
}
