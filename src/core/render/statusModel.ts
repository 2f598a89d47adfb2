import type { PipelineStatus } from '../engine';
import type { RunRecord } from '../pipeline';
import type { RemoteStatus } from '../remote';
import type { HeadNotRun, InvalidFile } from './headText';

/** One workspace folder's line in the status bar tooltip. */
export interface FolderStatus {
  name: string;
  status: PipelineStatus;
  /** Epoch ms the open red period began (from history, so it survives a reload). */
  redSince?: number;
  /** The stage failing now: the latest red run's (redgreen failingNow), as `gearshift status` names it. */
  failedStage?: string;
  /** The stage that turned the open red period red (the tooltip's "red since"), which may be another. */
  brokeStage?: string;
  /** The commit of the run that turned it red. */
  redAt?: string;
  /** Plain-text facts other parts add: the last commit's run, the live slot, commits waiting. */
  notes: string[];
  /** The remote CI's verdict for HEAD, when remote status is on for this folder. */
  remote?: RemoteStatus;
  /** The last run that ran stages (the engine's lastRun): told before a switch, rollback or Keep (core/engine statusStory). */
  stageRun?: RunRecord;
}

/** What the status bar renders: the worst folder's status (`folder` names it when there are several) plus every folder's line. */
export interface StatusModel {
  status: PipelineStatus;
  /** The red timer of the folder red the longest. */
  redSince?: number;
  /** What fails now in that folder: the stage the status bar names beside "red for" and its click opens. */
  failedStage?: string;
  /** The stage that turned it red, for the tooltip's "red since" when it is not the one failing now. */
  brokeStage?: string;
  /** The commit of the run that turned it red, for the tooltip when it is not the run described. */
  redAt?: string;
  /** The last run that ran stages of the folder `status` is about: after a switch or rollback the tooltip tells it first, as `gearshift status` does. */
  stageRun?: RunRecord;
  folders: FolderStatus[];
  /** With several folders: the name of the one `status` (and the red timer and stage) is about, so the item says whose it is. */
  folder?: string;
  /** A production release in progress or paused: shown instead of the stage count. */
  release?: ReleasePhase;
  /** The repository's other pipelines, in subfolders of the open folder (core/monorepo): a red one must show. */
  others?: OtherPipelineStatus[];
  /** How many more were found than are listed (the search is bounded). */
  othersMore?: number;
  /** The window has more than one workspace folder: each of `others` is named with its folder (`b: e2e`), as the same path may be below two. */
  othersByFolder?: boolean;
  /** HEAD has commits the run `status` is about has not, and no run for it is in progress or queued (headText.ts). */
  headNotRun?: HeadNotRun;
  /** The pipeline file of the folder `status` is about is invalid: nothing runs until it is fixed. */
  invalid?: InvalidFile;
  /** That folder's uri (editor only): links that act on it (Run pipeline) carry it. */
  folderUri?: string;
}

/**
 * Another pipeline of a workspace folder's repository that is not a workspace folder itself: one
 * below it (a monorepo's `apps/api` seen from the top), or, with `fromTop`, the top's or a
 * sibling's seen from a folder below the top (`apps/web`).
 */
export interface OtherPipelineStatus {
  /** The workspace folder it was found from: its URI (`vscode.Uri.toString()`, what commands are given) and its name, data like `path`. */
  folder: { uri: string; name: string };
  /** '/'-separated, relative to its workspace folder, or with `fromTop` to the work tree's top ('' the top's own); data, escaped wherever shown. */
  path: string;
  /** Not below its workspace folder: `path` is from the work tree's top (the top's pipeline, a sibling's). */
  fromTop?: boolean;
  status: PipelineStatus;
  /** Epoch ms its open red period began. */
  redSince?: number;
  /** The stage that turned it red. */
  failedStage?: string;
}

/** After the production stages: watching the release, or waiting for a person (inconclusive). */
export type ReleasePhase =
  | { kind: 'monitoring'; interval: number; of: number }
  | { kind: 'needsDecision'; folder: string; message: string };
