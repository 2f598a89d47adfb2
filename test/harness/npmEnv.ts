import * as path from 'path';

/**
 * The environment for an npm the harness starts itself (Node 24, code-server).
 *
 * Under `npm test` / `npm start`, npm hands every child its own configuration as `npm_config_*`
 * variables, and a nested npm takes those as its configuration too: code-server's postinstall then
 * reads the outer npm's `npm_config_user_agent` ("… node/v20 …") and refuses to install, although
 * the nested npm runs on Node 24. So a nested install starts from the inherited environment minus
 * everything npm put there, and sets what it needs explicitly.
 */

const NPM_PREFIXES = ['npm_config_', 'npm_lifecycle_', 'npm_package_'];
const NPM_NAMES = new Set(['npm_execpath', 'npm_node_execpath', 'npm_command', 'init_cwd']);

export function isNpmInherited(name: string): boolean {
  const lower = name.toLowerCase(); // npm reads NPM_CONFIG_X as well as npm_config_x
  return NPM_NAMES.has(lower) || NPM_PREFIXES.some((p) => lower.startsWith(p));
}

export function withoutNpmEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isNpmInherited(name)));
}

/**
 * A clean npm environment that runs on the Node in `nodeDir` (first on PATH, so `npm`'s
 * `#!/usr/bin/env node` picks it) and builds native modules against that Node's headers (the
 * machine's npmrc may point node-gyp at another Node's).
 */
export function nestedNpmEnv(base: NodeJS.ProcessEnv, nodeDir?: string): NodeJS.ProcessEnv {
  const env = withoutNpmEnvironment(base);
  if (nodeDir === undefined) { return env; }
  return { ...env, PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${env.PATH ?? ''}`, npm_config_nodedir: nodeDir };
}
