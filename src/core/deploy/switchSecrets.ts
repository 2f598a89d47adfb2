/**
 * Secrets of the switch script (`deploy.env`): like a stage's, a `${{ secrets.NAME }}` becomes
 * its value only in the env of the switch process (never its command line), and what the script
 * prints is masked before anyone sees it: events, the failure message, deploy.json, history.
 */
import { deployEnvSecretNames, type DeployConfig } from '../config';
import { withoutRepoLocators } from '../pipeline';
import { type ResolvedSecrets, StreamMasker, substitute, withoutSecretVars } from '../secrets';

type Stream = 'stdout' | 'stderr';

/** The secret names `deploy.env` references, sorted. */
export function switchSecretNames(config: DeployConfig | undefined): string[] {
  return [...new Set(deployEnvSecretNames(config))].sort();
}

/** Those of them `secrets` lacks: the switch cannot run without them. */
export function missingSwitchSecrets(config: DeployConfig | undefined, secrets: ResolvedSecrets | undefined): string[] {
  return switchSecretNames(config).filter((name) => !secrets?.values.get(name));
}

/**
 * The switch process's env: the base env without git's repository-locating variables (a hook's
 * GIT_DIR) and without anyone's `GEARSHIFT_SECRET_*` (the script gets
 * only what `deploy.env` names), then `deploy.env` with its references filled in. Check
 * missingSwitchSecrets first: substitute throws rather than pass an empty value.
 */
export function switchProcessEnv(base: NodeJS.ProcessEnv, config: DeployConfig, secrets: ResolvedSecrets | undefined): NodeJS.ProcessEnv {
  const env = withoutRepoLocators(withoutSecretVars(base));
  const values = secrets?.values ?? new Map<string, string>();
  for (const [name, value] of Object.entries(config.env ?? {})) { env[name] = substitute(value, values); }
  return env;
}

const TAIL_KEEP = 8 * 1024;
const TAIL_LINES = 15;

/**
 * The script's two streams through a masker each, and the masked last lines for the failure
 * message (the runner's own tail is unmasked). Without secrets, output passes untouched.
 */
export class SwitchOutput {
  private readonly maskers: Record<Stream, StreamMasker> | undefined;
  private combined = '';
  /** Bytes the script printed (masked), all of them: what the tail leaves out is counted from it. */
  private total = 0;

  constructor(secrets: ResolvedSecrets | undefined, private readonly onOutput?: (stream: Stream, chunk: string) => void) {
    if (secrets && !secrets.rules.empty) {
      this.maskers = {
        stdout: new StreamMasker(secrets.rules, (text) => this.emit('stdout', text)),
        stderr: new StreamMasker(secrets.rules, (text) => this.emit('stderr', text)),
      };
    }
  }

  readonly write = (stream: Stream, chunk: string): void => {
    if (this.maskers) { this.maskers[stream].write(chunk); } else { this.emit(stream, chunk); }
  };

  /** Flushes what the maskers hold; call once the process has ended. */
  end(): void {
    this.maskers?.stdout.end();
    this.maskers?.stderr.end();
  }

  /**
   * The script's last lines (masked), after a mark saying how many bytes before them were left
   * out, as stage logs do: a message that starts mid-way must not read as the whole output.
   * `fallback` (the runner's tail) only when the script printed nothing through here.
   */
  tail(fallback: string): string {
    if (this.total === 0) { return fallback; }
    // Built from the masked text: cutting it at TAIL_KEEP can split a `***`, never a secret.
    const trimmed = this.combined.replace(/\s+$/, '');
    const start = tailStart(trimmed, TAIL_LINES);
    const leftOut = this.total - Buffer.byteLength(this.combined) + Buffer.byteLength(trimmed.slice(0, start));
    const kept = trimmed.slice(start).replace(/\r\n/g, '\n');
    return leftOut > 0 ? `[… gearshift: ${leftOut} bytes of the switch's output left out here …]\n${kept}` : kept;
  }

  private emit(stream: Stream, text: string): void {
    this.total += Buffer.byteLength(text);
    this.combined = this.combined.length + text.length > TAIL_KEEP ? (this.combined + text).slice(-TAIL_KEEP) : this.combined + text;
    this.onOutput?.(stream, text);
  }
}

/** Where the last `lines` lines of `text` begin. */
function tailStart(text: string, lines: number): number {
  let at = text.length;
  for (let i = 0; i < lines; i++) {
    at = text.lastIndexOf('\n', at - 1);
    if (at < 0) { return 0; }
  }
  return at + 1;
}
