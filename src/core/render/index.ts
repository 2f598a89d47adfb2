/** Run and deploy events → the text a person reads, shared by the VS Code terminal and the CLI. */
export { RunRenderer } from './runRenderer';
export { style, type Style } from './ansi';
export type { FolderStatus, OtherPipelineStatus, ReleasePhase, StatusModel } from './statusModel';
export { linkArgs, redLogArgs, statusTooltipParts, TOOLTIP_COMMANDS, type TooltipPart } from './statusTooltip';
export { FROM_TOP, otherPipelineArgs, otherPipelineName, otherPipelinePath, otherStateWords, redOthers, shownRedSince, withOtherPipelines, type OthersInBar } from './otherPipelines';
export { releaseStatusText } from './releaseText';
export { statusBarLabel } from './statusLabel';
export { barText, gateWaitsAnywhere, statusClickAsksGate, runningStatusText, waitsForApproval } from './runningText';
export { noPipelineHere, noTopPipelineText, onlyBelow, topHasOneText, type NoPipelineHere, type PipelineAtTop, type PipelinesBelow } from './noTopPipeline';
export { headAwaitsRun, headComparedRun, headNotRunLine, headRanLine, headRunOf, headTooltipLine, headTooltipParts, INVALID_FILE, invalidCommitMessage, invalidBarText, invalidFileLine, notRunWords, withHeadNews, type HeadNotRun, type HeadRun, type InvalidFile } from './headText';
export { gateWaitsWords, runEndWords } from './runEndWords';
