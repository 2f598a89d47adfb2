import { sentences } from '../format';

/** What the editor's gauge says under the dial: its own facts, since the view shows no more of them. */
export interface GaugeNoteInput {
  /** The classification's reason ("every 2–3 days: median interval 3m 54s (≤ 3 days)"), or null with no gear placed. */
  readonly reason: string | null;
  /** The pipeline file's errors, when it did not load. */
  readonly pipelineError?: string;
  /** There is no .gearshift.yml at all. */
  readonly pipelineMissing?: boolean;
  /** In an untrusted workspace git is not read: say what that leaves out. */
  readonly trusted: boolean;
  /** With several pipeline folders, the one shown ("web"): data, kept as given. */
  readonly folder?: string;
}

/** The gauge's note, its sentences each ended with a full stop (walk30 L10: "…(≤ 3 days) Git is not read…"). */
export function gaugeNote({ reason, pipelineError, pipelineMissing, trusted, folder }: GaugeNoteInput): string {
  const unplaced = pipelineMissing === true ? 'There is no .gearshift.yml here: production deploys cannot be told until there is one'
    : pipelineError !== undefined ? `The pipeline file has errors (${pipelineError}): production deploys cannot be told until it loads`
      : 'Not measured yet: Gearshift places your team in a gear once it has seen production deploys';
  const untrusted = trusted ? '' : 'Git is not read in an untrusted workspace: release tags, commits and reverts are not counted';
  const where = folder !== undefined ? `${folder}: ` : '';
  return where + sentences(reason ?? unplaced, untrusted);
}
