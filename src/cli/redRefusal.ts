/**
 * What the CLI says when a production deploy is refused on red (`deploy production`, `run --stage/--from`): one wording, one override.
 * It names the way that needs no override: a full `gearshift run` is never refused on red (its tests run first), so "fix it first"
 * alone was circular after a production failure, where only a deploy can show production works.
 */
export function redRefusalMessage(red: string): string {
  return `not deploying: ${red}; deploy through a full \`gearshift run\` (its tests run first, so red does not refuse it), or rerun with --override-red`;
}
