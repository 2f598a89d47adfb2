/**
 * Run events → the text a person reads, shared by the VS Code terminal and the CLI: a banner per
 * stage, its output (colours kept), a result line with the duration, and a summary table.
 * While stages run in parallel their lines are prefixed with the stage name; a lone stage's
 * lines are not, so progress bars and colours survive. Stage and switch script output keeps CSI
 * (colours, cursor moves) but loses every other escape sequence (liveOutput.ts: a title, a
 * clipboard write). Everything else here (stage names, branches, reasons, messages) is data and
 * goes through printable().
 */
import { formatDuration, printable as p, shortId, shortSha } from '../format';
import { shownState, type RunRecord, type StageRecord } from '../pipeline';
import { style, type Style } from './ansi';
import type { EngineEvent } from '../engine';
import { renderDeployEvent } from './deployText';
import { LiveStreams } from './liveOutput';
import { failedStageOf, stillRedMessage, type RedPeriod } from '../redgreen';

/**
 * Most a stage's unfinished line is held back while prefixing; beyond it the part is written as
 * a line of its own, so a stage printing megabytes without a newline cannot grow our memory.
 */
export const MAX_HELD_LINE_CHARS = 64 * 1024;

const ICON: Record<string, string> = {
  passed: '✔', failed: '✖', timedOut: '⏱', skipped: '⊘', cancelled: '■', pending: '·', running: '▶', 'waiting-approval': '?',
};

/** Which `.gearshift.yml` the run follows, when it is not the one in the working copy (core/engine/runSource.ts). */
const CONFIG_NOTES = {
  'commit-differs': "! The working copy's .gearshift.yml differs from the commit's: this checkout: clean run follows the commit's.",
  'clean-not-committed': "! checkout: clean is not in the commit's .gearshift.yml yet: this run uses the working tree as it is (commit it to run clean).",
} as const;

/**
 * "running Unit Tests only (7 stages not selected)": one line for the stages a selection leaves
 * out, not a "⊘ … skipped" line each before the first stage (walkcli32 L6); the summary table
 * still lists them. A run knows them when it starts (core/pipeline/graph.ts words their reason).
 */
function notSelectedLines(run: RunRecord): string[] {
  const counts = new Map<string, number>();
  for (const st of run.stages) {
    if (st.state === 'skipped' && st.reason?.startsWith('not selected')) { counts.set(st.reason, (counts.get(st.reason) ?? 0) + 1); }
  }
  return [...counts].map(([reason, n]) => {
    const what = reason.replace(/^not selected:? */, '').replace(/^\((.*)\)$/, '$1').replace(/^ran /, 'running ');
    return `${p(what)} (${n} stage${n === 1 ? '' : 's'} not selected)`;
  });
}

/** A clean run ships its commit's flags files (core/engine/flagsDiffer.ts): a change not committed does not ship. */
function flagsNote(files: unknown): string | undefined {
  if (!Array.isArray(files) || files.length === 0) { return undefined; }
  const names = files.map((f) => p(String(f)));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `! The working copy's ${list} ${names.length === 1 ? 'differs' : 'differ'} from the commit's: this checkout: clean run ships the commit's flags (commit ${names.length === 1 ? 'it' : 'them'} to ship the change).`;
}

/** A clean run's submodule with no local clone to check out from (core/git/submodules.ts) is an empty folder: say so, per submodule. */
function submoduleNotes(paths: unknown): string[] {
  if (!Array.isArray(paths)) { return []; }
  return paths.map((sub) => `! submodule ${p(String(sub))} is not checked out in this clean run: no local clone holds its recorded commit; run git submodule update --init`);
}

export class RunRenderer {
  private readonly s: Style;
  private readonly running = new Set<string>();
  /** Partial last line per stage while prefixing, so a prefix never lands mid-line. */
  private readonly partial = new Map<string, string>();
  /** Stages whose output was prefixed once: they keep the prefix until they end, so a line
   *  printed after a sibling finished is still attributed to the right stage. */
  private readonly prefixed = new Set<string>();
  /** Runs whose switch script printed here as it ran: their verdict leaves out the script's last lines it carries. */
  private readonly scriptShown = new Set<string>();
  /** The last output written ended mid-line (`printf "done"`): the verdict must not be glued to it. */
  private openLine = false;
  /** Live output's escape filter, one per stream (a sequence may be split across chunks): stages' streams, and the switch script's,
   *  which a rollback may still be printing when the next run starts. */
  private stageLive = new LiveStreams();
  private readonly switchLive = new LiveStreams();

  /** `mask` hides secret values in the text Gearshift writes itself (a branch name, a commit
   *  subject, a deploy message); stage output is masked already where it leaves the stage. */
  private readonly mask: ((text: string) => string) | undefined;

  constructor(opts: { color: boolean; mask?: (text: string) => string }) {
    this.s = style(opts.color);
    this.mask = opts.mask;
  }

  render(e: EngineEvent): string {
    const text = this.text(e);
    if (e.type === 'stageOutput') { return this.noteOpenLine(text); }
    if (!text) { return text; }
    const masked = this.mask ? this.mask(text) : text;
    // A switch script's output passes through as printed, as a stage's does: it may end mid-line too.
    if (e.type === 'deploy' && e.event.type === 'switchOutput') { return this.noteOpenLine(masked); }
    return this.closeOpenLine() + masked;
  }

  /** Output passed through without a final newline leaves the cursor mid-line: remembered, so our next line starts on its own. */
  private noteOpenLine(text: string): string {
    if (text) { this.openLine = !text.endsWith('\n'); }
    return text;
  }

  private closeOpenLine(): string {
    const open = this.openLine;
    this.openLine = false;
    return open ? '\n' : '';
  }

  private text(e: EngineEvent): string {
    switch (e.type) {
      case 'runStarted':
        // One renderer serves a folder's runs one after another, keyed by stage name: nothing the last run left open carries over.
        this.stageLive = new LiveStreams();
        return this.banner(e.run);
      case 'stageStarted':
        this.flushAll();
        this.running.add(e.stage);
        return `\n${this.s.bold(this.s.cyan(`▶ [${e.index}/${e.total}] ${p(e.stage)}`))}\n`;
      case 'stageOutput': return this.output(e.stage, this.stageLive.clean(stageStream(e.stage, e.stream), e.chunk));
      case 'approvalNeeded': return `${this.s.yellow(`? ${p(e.stage)} waits for manual approval`)}\n`;
      case 'stageEnded': {
        if (e.atStart) { return ''; } // not selected: said once under the banner (notSelectedLines)
        this.stageLive.end(stageStream(e.stage.name, 'stdout'));
        this.stageLive.end(stageStream(e.stage.name, 'stderr'));
        const rest = this.flush(e.stage.name);
        this.running.delete(e.stage.name);
        this.prefixed.delete(e.stage.name);
        return rest + this.result(e.stage);
      }
      case 'runEnded': return this.flushAll() + this.summary(e.run);
      case 'configInvalid':
        return `${this.s.red(this.s.bold('✖ .gearshift.yml is invalid; nothing ran:'))}\n` +
          e.errors.map((x) => `  ${p(x.file)}:${x.line}:${x.col}: ${p(x.message)}\n`).join('');
      case 'queued': return `${this.s.dim(`… queued a ${e.request.trigger} run: it starts when this one ends`)}\n`;
      case 'historyProblem': return `${this.s.yellow(`! ${p(e.message)}`)}\n`;
      case 'waitingForRun': return `${this.s.dim(`… ${p(e.message)}`)}\n`;
      case 'lastRunChanged': case 'runRecorded': return '';
      case 'deploy': return this.flushAll() + this.deployText(e);
    }
  }

  private deployText(e: Extract<EngineEvent, { type: 'deploy' }>): string {
    if (e.event.type === 'switchOutput') {
      this.scriptShown.add(e.runId ?? '');
      return this.switchLive.clean(e.event.stream, e.event.chunk);
    }
    // Any other deploy event comes after the script's output: a sequence it left open ends here.
    this.switchLive.end('stdout');
    this.switchLive.end('stderr');
    return renderDeployEvent(e.event, this.s, this.scriptShown.has(e.runId ?? ''));
  }

  private banner(run: RunRecord): string {
    const sha = shortSha(run.sha);
    const where = run.branch ? ` on ${p(run.branch)}` : '';
    let out = `${this.s.bold(`━━ Gearshift pipeline · ${sha}${where} · ${p(run.trigger)} · run ${shortId(run.id)}`)}\n`;
    if (run.dirty) {
      out += `${this.s.yellow('! The working tree has uncommitted changes: this run tests them, but they are not in the commit.')}\n`;
    }
    const note = run.configNote === 'commit-differs' || run.configNote === 'clean-not-committed' ? CONFIG_NOTES[run.configNote] : undefined;
    if (note) { out += `${this.s.yellow(note)}\n`; }
    const flags = flagsNote(run.flagsDiffer);
    if (flags) { out += `${this.s.yellow(flags)}\n`; }
    out += submoduleNotes(run.submodulesLeft).map((line) => `${this.s.yellow(line)}\n`).join('');
    return out + notSelectedLines(run).map((line) => `${this.s.dim(line)}\n`).join('');
  }

  private output(stage: string, chunk: string): string {
    if (this.running.size <= 1 && !this.partial.size && !this.prefixed.has(stage)) { return chunk; }
    this.prefixed.add(stage);
    const text = (this.partial.get(stage) ?? '') + chunk;
    const lines = text.split('\n');
    let last = lines.pop() ?? '';
    if (last.length > MAX_HELD_LINE_CHARS) { lines.push(last); last = ''; }
    if (last) { this.partial.set(stage, last); } else { this.partial.delete(stage); }
    return lines.map((l) => `${this.s.dim(`[${p(stage)}]`)} ${l}\n`).join('');
  }

  private flush(stage: string): string {
    const rest = this.partial.get(stage);
    this.partial.delete(stage);
    return rest ? `${this.s.dim(`[${p(stage)}]`)} ${rest}\n` : '';
  }

  private flushAll(): string {
    return [...this.partial.keys()].map((k) => this.flush(k)).join('');
  }

  private result(st: StageRecord): string {
    const d = formatDuration(st.durationMs);
    const name = p(st.name);
    const reason = st.reason !== undefined ? p(st.reason) : undefined;
    switch (st.state) {
      case 'passed': return `${this.s.green(`✔ ${name} passed in ${d}`)}\n`;
      case 'failed': return `${this.s.red(this.s.bold(`✖ ${name} failed${failedHow(st.exitCode, d, reason)}`))}\n`;
      case 'timedOut': return `${this.s.red(this.s.bold(`⏱ ${name} ${reason ?? 'timed out'}`))}\n`;
      case 'cancelled': return `${this.s.yellow(`■ ${name} cancelled${reason ? `: ${reason}` : ''}`)}\n`;
      case 'skipped': return `${this.s.dim(`⊘ ${name} skipped${reason ? `: ${reason}` : ''}`)}\n`;
      default: return '';
    }
  }

  /** Under a green run's verdict when the run left the pipeline red (core/redgreen's leftRedBy): the summary alone would read as "fixed". */
  stillRed(period: RedPeriod): string {
    const text = `${this.s.red(`  ${stillRedMessage(period)}`)}\n`;
    return this.mask ? this.mask(text) : text;
  }

  summary(run: RunRecord): string {
    // One long stage name must not push every row's result onto the next line of a narrow terminal.
    // Padded by the text shown: a name holding a secret's value is shown masked (review36 F4), so measured masked.
    const shownName = (name: string): string => (this.mask ? this.mask(name) : name);
    const names = run.stages.map((x) => clip(p(shownName(x.name)), NAME_COLUMN));
    const step = afterStagesStep(run);
    const after = step && { ...step, name: shownName(step.name) };
    const width = Math.max(5, ...names.map((n) => n.length), after?.name.length ?? 0);
    const rows = run.stages.map((x, i) => {
      // A stage the run left out (deploy non-prod's production stages, --stage) or never reached did not run: not "skipped" like one after a failure (firsthour34 F14).
      const shown = shownState(x, run);
      const notRun = shown === 'notInRun' || shown === 'notReached';
      const state = (notRun ? 'not run' : x.state === 'timedOut' ? 'timed out' : x.state).padEnd(9); // words, as the line above says them
      const colored = x.state === 'passed' ? this.s.green(state) : x.state === 'failed' || x.state === 'timedOut' ? this.s.red(state) : this.s.dim(state);
      const dur = notRun || x.state === 'skipped' || x.state === 'pending' ? '' : formatDuration(x.durationMs);
      return `  ${notRun ? '·' : ICON[x.state] ?? ' '} ${names[i].padEnd(width)}  ${colored}  ${dur}\n`;
    }).join('') + (after ? `  ✖ ${after.name.padEnd(width)}  ${this.s.red(after.word.padEnd(9))}\n` : '');
    const total = run.endedAt ? formatDuration(Date.parse(run.endedAt) - Date.parse(run.startedAt)) : '';
    const verdict = run.state === 'green' ? this.s.green(this.s.bold('Pipeline GREEN'))
      : run.state === 'red' ? this.s.red(this.s.bold('Pipeline RED'))
        : this.s.yellow(this.s.bold(`Pipeline ${run.state.toUpperCase()}`));
    // A run whose HEAD moved (core/deploy headWatch) says why it is no verdict on its commit.
    const why = typeof run.headMoved === 'string' && run.cancelReason !== undefined ? `${this.s.yellow(`  ${p(run.cancelReason)}`)}\n` : '';
    return `\n${this.s.bold(`  ${'Stage'.padEnd(width + 2)}  ${'Result'.padEnd(9)}  Time`)}\n${rows}\n${verdict}${total ? ` in ${total}` : ''}\n${why}`;
  }
}

/**
 * A red run whose stages all passed failed after them (monitoring's alert, the switch): a row names
 * that step, so the table above "Pipeline RED" is not all ✔ (walkcli32 L2).
 */
function afterStagesStep(run: RunRecord): { name: string; word: string } | undefined {
  if (run.state !== 'red' || run.stages.some((x) => x.state === 'failed' || x.state === 'timedOut')) { return undefined; }
  const step = failedStageOf(run);
  return step === undefined ? undefined : { name: clip(p(step), NAME_COLUMN), word: run.alert === true ? 'alert' : 'failed' };
}

/** `(exit 3) after 1.2s`, then the reason unless it only repeats the exit code; the reason last, so it never reads as part of a path it ends with. */
function failedHow(exitCode: number | null, duration: string, reason: string | undefined): string {
  const exit = exitCode !== null ? ` (exit ${exitCode})` : '';
  const why = reason !== undefined && reason !== '' && reason !== `exited with code ${exitCode}` ? `: ${reason}` : '';
  return `${exit} after ${duration}${why}`;
}

/** A stage stream's key for the live filter. */
function stageStream(stage: string, stream: string): string { return `${stage}\0${stream}`; }

/** The summary's stage column: longer names end in "…" (the stage's own lines above show it whole). */
const NAME_COLUMN = 40;

function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}
