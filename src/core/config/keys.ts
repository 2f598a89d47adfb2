/**
 * Every key `.gearshift.yml` accepts, per level. One list drives unknown-key errors and
 * suggestions; the schema test compares `schemas/gearshift.schema.json` against it so the
 * editor's completions and the parser cannot drift apart.
 */
export const TOP_LEVEL_KEYS = ['version', 'trigger', 'branches', 'queue', 'checkout', 'stages', 'deploy', 'monitor', 'alerts', 'gears', 'flags'] as const;
export const STAGE_KEYS = ['name', 'run', 'needs', 'timeout', 'env', 'cwd', 'environment', 'approval', 'keep'] as const;
export const DEPLOY_KEYS = ['strategy', 'slots', 'switch', 'env'] as const;
export const ALERTS_KEYS = ['webhook'] as const;
export const MONITOR_KEYS = ['window', 'interval', 'baseline', 'threshold', 'spike', 'autoRollback', 'probes', 'failureLimit', 'consecutiveErrorLimit', 'inconclusive'] as const;
/** A probe is the kind of thing it watches: exactly one of these keys says which. */
export const PROBE_KINDS = ['http', 'command', 'log', 'compare'] as const;
/** Which keys each probe kind takes; a known key of another kind gets its own message. */
export const PROBE_KIND_KEYS = {
  http: ['name', 'http', 'timeout', 'requests', 'maxLatency', 'headers'],
  command: ['name', 'command', 'timeout'],
  log: ['name', 'log', 'match'],
  compare: ['name', 'compare', 'urls', 'factor', 'timeout', 'requests'],
} as const satisfies Record<(typeof PROBE_KINDS)[number], readonly string[]>;
/** Every key any probe takes: unknown-key suggestions draw on all of them. */
export const PROBE_KEYS = ['name', 'http', 'command', 'log', 'compare', 'timeout', 'requests', 'maxLatency', 'match', 'urls', 'factor', 'headers'] as const;
/** What a `compare:` probe compares with (Argo Rollouts' blue/green pre/post analysis, locally). */
export const COMPARISONS = ['previous-slot'] as const;
export const GEARS_KEYS = ['window', 'sprint', 'deployTags'] as const;
export const FLAGS_KEYS = ['file', 'environments', 'staleAfter', 'deployStage'] as const;
export const FLAGS_ENVIRONMENT_KEYS = ['non-prod', 'production'] as const;

export const TRIGGERS = ['manual', 'commit'] as const;
export const QUEUE_POLICIES = ['latest', 'all'] as const;
export const CHECKOUT_MODES = ['workspace', 'clean'] as const;
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
