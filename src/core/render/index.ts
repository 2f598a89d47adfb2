/** Run and deploy events → the text a person reads, shared by the VS Code terminal and the CLI. */
export { RunRenderer } from './runRenderer';
export { style, type Style } from './ansi';
export type { FolderStatus, ReleasePhase, StatusModel } from './statusModel';
export { redLogArgs, statusTooltipParts, TOOLTIP_COMMANDS, type TooltipPart } from './statusTooltip';
export { releaseStatusText } from './releaseText';
