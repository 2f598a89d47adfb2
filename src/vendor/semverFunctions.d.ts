// semver ships no types, and only these three files are bundled (src/vendor/semverSubset.ts).
declare module 'semver/functions/compare' { const compare: (a: unknown, b: unknown, loose?: boolean) => -1 | 0 | 1; export default compare; }
declare module 'semver/functions/parse' { const parse: (version: unknown, options?: unknown, throwErrors?: boolean) => unknown; export default parse; }
declare module 'semver/functions/coerce' { const coerce: (version: unknown, options?: unknown) => unknown; export default coerce; }
