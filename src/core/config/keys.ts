/**
 * Every key `.gearshift.yml` accepts, per level. One list drives unknown-key errors and
 * suggestions; the schema test compares `schemas/gearshift.schema.json` against it so the
 * editor's completions and the parser cannot drift apart.
 */
export const TOP_LEVEL_KEYS = ['version', 'trigger', 'branches', 'stages', 'deploy', 'monitor', 'alerts'] as const;
export const STAGE_KEYS = ['name', 'run', 'needs', 'timeout', 'env', 'cwd', 'environment', 'approval'] as const;
export const DEPLOY_KEYS = ['strategy', 'slots', 'switch'] as const;
export const ALERTS_KEYS = ['webhook'] as const;

export const TRIGGERS = ['manual', 'commit'] as const;
export const ENVIRONMENTS = ['non-prod', 'production'] as const;
export const APPROVALS = ['manual'] as const;
export const STRATEGIES = ['blue-green'] as const;
export const DEFAULT_SLOTS: readonly [string, string] = ['blue', 'green'];

/** POSIX-portable variable names: what `/bin/sh` can expand. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Gearshift sets these itself (run id, sha, slot…); a stage must not shadow them. */
export const RESERVED_ENV_PREFIX = 'GEARSHIFT_';
/** Slot names end up in env vars, history and file names: keep them short plain labels. */
export const SLOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
