/**
 * Gearshift's settings (package.json `contributes.configuration`) as one typed object. A value
 * of the wrong type or out of range (a hand-edited settings.json) falls back to the default
 * rather than reaching the code as something it does not expect. No `vscode` import: the
 * coercion is tested in plain node.
 */

export type WhenRunning = 'ask' | 'queue' | 'cancel' | 'ignore';

export interface GearshiftSettings {
  readonly whenRunning: WhenRunning;
  readonly showTerminalOnRun: boolean;
  readonly reminderMinutes: number;
  readonly confirmProductionDeploy: boolean;
  readonly trackCommits: boolean;
  /** Remote CI status (docs/remote-status.md): off until turned on per repository. */
  readonly 'remoteStatus.enabled': boolean;
  /** API bases; machine-scoped in package.json, so a workspace cannot redirect the token. '' = public host. */
  readonly 'remoteStatus.githubApiUrl': string;
  readonly 'remoteStatus.gitlabApiUrl': string;
}

export const DEFAULT_SETTINGS: GearshiftSettings = {
  whenRunning: 'ask', showTerminalOnRun: true, reminderMinutes: 15, confirmProductionDeploy: true, trackCommits: true,
  'remoteStatus.enabled': false, 'remoteStatus.githubApiUrl': '', 'remoteStatus.gitlabApiUrl': '',
};

const WHEN_RUNNING: readonly WhenRunning[] = ['ask', 'queue', 'cancel', 'ignore'];

type Check<T> = (v: unknown) => v is T;
const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';
const isMinutes: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isApiUrl: Check<string> = (v): v is string => typeof v === 'string' && (v === '' || /^https?:\/\/[^\s]+$/i.test(v));
const isWhenRunning: Check<WhenRunning> = (v): v is WhenRunning => WHEN_RUNNING.includes(v as WhenRunning);

const CHECKS: { [K in keyof GearshiftSettings]: Check<GearshiftSettings[K]> } = {
  whenRunning: isWhenRunning, showTerminalOnRun: isBoolean, reminderMinutes: isMinutes, confirmProductionDeploy: isBoolean, trackCommits: isBoolean,
  'remoteStatus.enabled': isBoolean, 'remoteStatus.githubApiUrl': isApiUrl, 'remoteStatus.gitlabApiUrl': isApiUrl,
};

/** `get(key)` returns what the editor has for `gearshift.<key>` (undefined when unset). */
export function readSettings(get: (key: keyof GearshiftSettings) => unknown): GearshiftSettings {
  const value = <K extends keyof GearshiftSettings>(key: K): GearshiftSettings[K] => {
    const v = get(key);
    return CHECKS[key](v) ? v : DEFAULT_SETTINGS[key];
  };
  return {
    whenRunning: value('whenRunning'), showTerminalOnRun: value('showTerminalOnRun'), reminderMinutes: value('reminderMinutes'),
    confirmProductionDeploy: value('confirmProductionDeploy'), trackCommits: value('trackCommits'),
    'remoteStatus.enabled': value('remoteStatus.enabled'), 'remoteStatus.githubApiUrl': value('remoteStatus.githubApiUrl'),
    'remoteStatus.gitlabApiUrl': value('remoteStatus.gitlabApiUrl'),
  };
}
