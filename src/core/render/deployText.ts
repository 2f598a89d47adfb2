/**
 * Deploy events → terminal text (RunRenderer's part for production deploys and the deploy
 * commands): where the release goes, the switch script's output, one line per monitoring
 * sample with its live numbers, the alert and the rollback, and the verdict. Names and messages
 * are data (printable()); only the switch script's own output passes raw.
 */
import { errorWords, percent } from '../deploy';
import type { MonitorSample, DeployEvent, DeployOutcome, OperationEvent } from '../deploy';
import type { Style } from './ansi';
import { printable as p, shortSha } from '../format';

/**
 * `scriptShown`: the switch script's output of this run was printed above as it ran, so a
 * verdict's further lines (that output's last lines, for whoever did not see it) are left out.
 */
export function renderDeployEvent(e: DeployEvent | OperationEvent, s: Style, scriptShown = false): string {
  switch (e.type) {
    case 'deployStarted': {
      const into = e.slot !== undefined ? ` into slot ${e.slot}${e.live !== undefined ? ` (${e.live} is live)` : ' (no slot is live yet)'}` : '';
      return `\n${s.bold(s.cyan(`▶ Production deploy of ${shortSha(e.sha)}${into}`))}\n`;
    }
    case 'stateProblem': return `${s.yellow(`! ${p(e.message)}`)}\n`;
    case 'baseline': return e.baseline.notes.map((n) => `${s.dim(`  baseline: ${p(n)}`)}\n`).join('');
    case 'stagesEnded': return '';
    case 'switchOutput': return e.chunk;
    case 'slotSwitched': {
      const what = e.kind === 'rollback' ? `⟲ rolled back: ${e.to} is live` : `⇄ ${e.to} is live`;
      return `${s.green(s.bold(`${what}${e.from !== undefined ? ` (was ${e.from})` : ''}`))}\n`;
    }
    case 'monitorSample': return sampleLine(e.sample, s);
    case 'alert':
      return `${s.red(s.bold(`✖ Production alert: ${p(e.result.message)}`))}\n` +
        `${e.autoRollback ? s.yellow('  rolling back (monitor.autoRollback)') : s.yellow('  auto-rollback is off: roll back with `gearshift rollback` or the Roll Back Production command')}\n`;
    case 'rolledBack': {
      const r = e.result;
      switch (r.kind) {
        case 'switched': return `${s.green(`⟲ rolled back to ${r.to} (${shortSha(r.sha)})`)}\n`;
        case 'redeploy': return `${s.yellow(`! to roll back, ${p(r.message)}`)}\n`;
        default: return `${s.red(`✖ automatic rollback did not happen: ${p(r.message)}`)}\n`;
      }
    }
    case 'inconclusive':
      return `${s.yellow(s.bold(`? Release needs a decision: ${p(e.result.message)}`))}\n` +
        `${s.yellow(`  ${shortSha(e.sha)} stays live${e.slot !== undefined ? ` in ${p(e.slot)}` : ''}; keep it (\`gearshift keep\`) or roll back (\`gearshift rollback\`)`)}\n`;
    case 'deployEnded': return outcomeLine(e.outcome, s, scriptShown);
    case 'operationStarted': return `${s.bold(`━━ Gearshift ${e.operation} · ${p(e.message)}`)}\n`;
    case 'operationEnded': {
      const paint = e.result === 'ok' ? s.green : e.result === 'cancelled' || e.result === 'refused' ? s.yellow : s.red;
      return markedMessage(e.result === 'ok' ? '✔' : e.result === 'cancelled' ? '■' : '✖', verdict(e.message, scriptShown), (t) => paint(s.bold(t)));
    }
  }
}

/** "  · web #2  33% errors (1/3), HTTP 500 ×1, 12ms  baseline 0%"; cut short: "1 failed of 10 planned requests (≥ 10%), … (so far)" */
function sampleLine(x: MonitorSample, s: Style): string {
  const where = x.phase === 'baseline' ? `baseline ${x.interval}` : `#${x.interval}`;
  const numbers = x.down ? 'down' : `${x.partial && x.seen !== undefined ? errorWords(x) : `${percent(x.rate)} errors (${x.errors}/${x.total})`}${x.compare ? ` vs ${x.compare.previousDown ? 'down' : percent(x.compare.previousRate)} on ${x.compare.previousSlot}` : ''}`;
  const parts = [numbers, x.detail, x.latencyMs !== undefined ? `${Math.round(x.latencyMs)}ms` : undefined].filter((p): p is string => !!p);
  const base = x.baseline !== undefined ? `  baseline ${percent(x.baseline)}` : '';
  const line = `  · ${p(x.probe)} ${where}  ${p(parts.join(', '))}${base}${x.partial ? ' (so far)' : ''}`;
  const paint = (x.down || x.rate > 0) && x.phase === 'watch' ? s.yellow : s.dim;
  return `${paint(line)}\n`;
}

function outcomeLine(o: DeployOutcome, s: Style, scriptShown: boolean): string {
  // The alert event said it (✖ Production alert, and the rollback or the way to one): said once (walkcli32 L2).
  if (o.result === 'alert') { return ''; }
  const message = verdict(o.message, scriptShown);
  switch (o.result) {
    case 'ok': return markedMessage('✔', message, (t) => s.green(s.bold(t)));
    case 'cancelled': case 'refused': return markedMessage('■', message, (t) => s.yellow(s.bold(t)));
    case 'inconclusive': return markedMessage('?', message, (t) => s.yellow(s.bold(t)));
    default: return markedMessage('✖', message, (t) => s.red(s.bold(t)));
  }
}

/** A message's first line is the verdict; its further lines repeat the script's last lines, printed once already when `scriptShown`. */
function verdict(message: string, scriptShown: boolean): string {
  return scriptShown ? message.split('\n')[0] : message;
}

/**
 * The verdict's mark and first line, painted; the message's further lines (a failed script's last
 * lines) plain below it. Line by line: a message may span lines on purpose, but no line may drive
 * the terminal, and a newline shows as a new line, not as `\x0a`.
 */
function markedMessage(mark: string, message: string, paint: (text: string) => string): string {
  const [first, ...more] = message.split('\n').map((l) => p(l));
  return `${paint(`${mark} ${first}`)}\n${more.map((l) => `${l}\n`).join('')}`;
}

