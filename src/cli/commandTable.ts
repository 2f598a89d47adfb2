/**
 * Every `gearshift <command>`: its name and one-line summary (enough for `--help`), and a loader
 * that imports the command's module only when it runs. Start-up then evaluates main and this
 * table, not yaml, simple-git, the gauge and the deploy engine (docs/benchmarks-journal.md, "Performance: where the CLI's time goes").
 * A new command is one line here; its module exports a `defineCommand(...)`.
 */
import type { Command } from './command';

export interface CommandEntry {
  readonly name: string;
  /** Must match the command's own `summary` (a unit test compares them). */
  readonly summary: string;
  load(): Promise<Command>;
}

export const COMMAND_TABLE: readonly CommandEntry[] = [
  { name: 'run', summary: 'run the pipeline, one stage of it, or from one stage on', load: async () => (await import('./commands/run')).runCommand },
  { name: 'validate', summary: 'check .gearshift.yml and its flags files, and list every problem in them', load: async () => (await import('./commands/validate')).validateCommand },
  { name: 'status', summary: 'the pipeline: green, red (for how long), running, cancelled, interrupted or unknown', load: async () => (await import('./commands/status')).statusCommand },
  { name: 'history', summary: 'past runs, newest first', load: async () => (await import('./commands/history')).historyCommand },
  { name: 'logs', summary: "a recent run's saved stage output (the failed stage's by default)", load: async () => (await import('./commands/logs')).logsCommand },
  { name: 'gear', summary: 'which gear the team is in, what limits it, and how to shift up', load: async () => (await import('./commands/gear')).gearCommand },
  { name: 'init', summary: 'write a starter .gearshift.yml in the current folder', load: async () => (await import('./commands/init')).initCommand },
  { name: 'watch', summary: 'watch the repository and run the pipeline on each new commit', load: async () => (await import('./commands/watch')).watchCommand },
  { name: 'deploy', summary: 'deploy to non-prod, or through production (blue/green, monitoring)', load: async () => (await import('./commands/deploy')).deployCommand },
  { name: 'switch', summary: 'make the other blue/green slot live', load: async () => (await import('./commands/slotCommands')).switchCommand },
  { name: 'rollback', summary: 'roll production back to the release before', load: async () => (await import('./commands/slotCommands')).rollbackCommand },
  { name: 'monitor', summary: 'check production now: poll the monitor: probes for one window', load: async () => (await import('./commands/monitor')).monitorCommand },
  { name: 'keep', summary: 'keep a release whose monitoring was inconclusive', load: async () => (await import(/* webpackChunkName: "decision" */ './commands/decision')).keepCommand },
  { name: 'export', summary: 'write the pipeline as a GitHub Actions or GitLab CI file (--check: drift)', load: async () => (await import('./commands/export')).exportCommand },
  { name: 'flags', summary: 'feature toggles (flagd format): list, set, add, stale, undo', load: async () => (await import('./commands/flags')).flagsCommand },
];
