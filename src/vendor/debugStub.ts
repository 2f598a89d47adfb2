/**
 * Stands in for the `debug` package inside the bundles: simple-git only uses it for its own
 * trace logging, which Gearshift never enables, and the real package (with supports-color,
 * ms, has-flag) costs ~10 KB of the extension's bundle.
 */
type Logger = ((...args: unknown[]) => void) & { enabled: boolean; extend: (ns: string) => Logger; namespace: string; log: () => void; destroy: () => boolean };

function createDebug(namespace: string): Logger {
  const log = ((): void => undefined) as Logger;
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (ns: string) => createDebug(`${namespace}:${ns}`);
  log.log = () => undefined;
  log.destroy = () => true;
  return log;
}

createDebug.enable = (): void => undefined;
createDebug.disable = (): string => '';
createDebug.enabled = (): boolean => false;
createDebug.formatters = {} as Record<string, unknown>;

export default createDebug;
