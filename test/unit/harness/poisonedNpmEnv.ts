/**
 * process.env as a nested `npm install` inherits it under `npm test` on a machine whose default
 * node is 20: the outer npm's user agent, nodedir, lifecycle and package variables.
 */
export function poisonedNpmEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64 workspaces/false',
    NPM_CONFIG_NODEDIR: '/nonexistent/node-20-headers',
    npm_lifecycle_event: 'test',
    npm_package_name: 'outer',
    npm_execpath: '/nonexistent/npm-cli.js',
    npm_node_execpath: '/nonexistent/node20',
    INIT_CWD: '/nonexistent',
  };
}
