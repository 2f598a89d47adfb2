/** What the CLI says when a production deploy is refused on red (`deploy production`, `run --stage/--from`): one wording, one override. */
export function redRefusalMessage(red: string): string {
  return `not deploying: ${red}; fix it first, or rerun with --override-red`;
}
