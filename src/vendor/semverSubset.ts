/**
 * Stands in for `semver` inside the bundles: flagd-core's `sem_ver` operator imports only
 * `compare`, `parse` and `coerce`, but `semver`'s index is CommonJS and requires the whole
 * package (ranges, subset, simplify…), which webpack cannot drop: ≈ 60 KB of source in the flags chunk.
 */
export { default as compare } from 'semver/functions/compare';
export { default as parse } from 'semver/functions/parse';
export { default as coerce } from 'semver/functions/coerce';
