/**
 * Whether the walkthrough opens on the first start, and the one plain line the Output channel
 * gets about it. VS Code's `openOnInstall` is machine-scoped, so a remote window (code-server)
 * reads it from the machine settings only: the line names where the value came from, which is
 * what someone asking "why did it (not) open?" needs, and nothing more.
 */

/** What `WorkspaceConfiguration.inspect` returns, the fields used here. */
export interface SettingInspection {
  readonly defaultValue?: boolean;
  readonly globalValue?: boolean;
  readonly globalLocalValue?: boolean;
  readonly globalRemoteValue?: boolean;
  readonly workspaceValue?: boolean;
  readonly workspaceFolderValue?: boolean;
}

export interface FirstStart {
  readonly open: boolean;
  readonly line: string;
}

const SETTING = "VS Code's workbench.welcomePage.walkthroughs.openOnInstall";

/** Most specific first, as VS Code resolves the value. */
const SOURCES: ReadonlyArray<readonly [keyof SettingInspection, string]> = [
  ['workspaceFolderValue', 'the folder settings'], ['workspaceValue', 'the workspace settings'],
  ['globalRemoteValue', 'the machine settings'], ['globalLocalValue', 'the user settings'],
  ['globalValue', 'the user settings'], ['defaultValue', 'its default'],
];

/** `wanted`: the resolved setting; `testHost`: an extension test host, which never opens it. */
export function firstStartDecision(setting: SettingInspection | undefined, wanted: boolean, testHost: boolean): FirstStart {
  if (testHost) { return { open: false, line: 'Walkthrough not opened on first start: an extension test host runs Gearshift.' }; }
  // The first source holding the resolved value: one VS Code ignores (a workspace value of a machine setting) is not named.
  const source = SOURCES.find(([key]) => setting?.[key] === wanted)?.[1] ?? 'its default';
  return wanted
    ? { open: true, line: 'Walkthrough opened on first start.' }
    : { open: false, line: `Walkthrough not opened on first start: ${SETTING} is off in ${source}.` };
}
