/**
 * The demo repository's blue/green production, all local (see demoRepo.ts):
 * - ci/demo-servers.js: the blue app on 127.0.0.1:4101, the green app on :4102 and the public
 *   proxy on :4100, which forwards to the slot named in `.demo/live-slot`. Each app serves its
 *   slot's release file (`.demo/release-<slot>.json`): 200, or 500 for a broken release. Each
 *   answer says which checkout the `new-checkout` toggle of the demo's flags.json serves
 *   (`checkout: new` or `classic`), reread on every request: flip it in Feature Toggles, reload.
 *   "Provision Prod" starts them in the background (their own session, so they outlive the stage).
 * - ci/deploy-prod.sh ("Deploy Prod"): writes the commit into the idle slot ($GEARSHIFT_SLOT).
 * - ci/switch.sh (`deploy.switch`): rewrites `.demo/live-slot`; the proxy follows at once.
 * - `monitor:` probes the proxy, so monitoring watches what users would see.
 *
 * How a user breaks it (then watches monitoring alert and roll back by itself):
 *   touch .demo/break        the next deploy's release answers 500 (or run with DEMO_BREAK=1)
 *   rm .demo/break           the next deploy is healthy again
 *   touch .demo/switch-fails the switch script fails: the live slot stays as it was
 *   node ci/demo-servers.js stop     stops the servers (the next deploy starts them again)
 * `.demo/` is git-ignored: the working tree stays clean.
 */
import * as path from 'path';

export const DEMO_PORTS = { proxy: 4100, blue: 4101, green: 4102 } as const;

/** The `deploy:` and `monitor:` sections of the demo pipeline. */
export const DEMO_DEPLOY_CONFIG = `deploy:
  strategy: blue-green
  slots: [blue, green]
  switch: sh ci/switch.sh
monitor:
  window: 20s
  interval: 2s
  baseline: 4s
  threshold: 0.2
  autoRollback: true
  probes:
    - http: http://127.0.0.1:${DEMO_PORTS.proxy}/health
      timeout: 1s
      requests: 5
`;

export const DEMO_GITIGNORE = '.demo/\n';

const STATE_DIR_SH = '"$(git rev-parse --path-format=absolute --git-common-dir)/../.demo"';

export const DEPLOY_PROD_SH = `#!/bin/sh
# Deploy Prod: puts this commit into the idle slot Gearshift names in GEARSHIFT_SLOT.
# Break it on purpose: \`touch .demo/break\` (or DEMO_BREAK=1) and the release answers 500.
set -e
slot="\${GEARSHIFT_SLOT:?run this through Gearshift: GEARSHIFT_SLOT names the slot to deploy into}"
dir=${STATE_DIR_SH}
mkdir -p "$dir"
broken=false
if [ "$DEMO_BREAK" = "1" ] || [ -e "$dir/break" ]; then broken=true; fi
printf '{"sha":"%s","broken":%s}\\n' "$GEARSHIFT_SHA" "$broken" > "$dir/release-$slot.json.tmp"
mv "$dir/release-$slot.json.tmp" "$dir/release-$slot.json"
echo "[Deploy Prod] $GEARSHIFT_SHA is in slot $slot$( [ "$broken" = true ] && echo ' (BROKEN on purpose: it answers 500)')"
`;

export const SWITCH_SH = `#!/bin/sh
# deploy.switch: makes GEARSHIFT_SLOT live by rewriting the file the demo proxy reads.
# \`touch .demo/switch-fails\` makes it fail, to see that the live slot then stays as it was.
set -e
dir=${STATE_DIR_SH}
if [ -e "$dir/switch-fails" ]; then echo "switch to $GEARSHIFT_SLOT: load balancer unreachable (.demo/switch-fails)" >&2; exit 3; fi
test -s "$dir/release-$GEARSHIFT_SLOT.json" || { echo "slot $GEARSHIFT_SLOT holds no release" >&2; exit 1; }
printf '%s\\n' "$GEARSHIFT_SLOT" > "$dir/live-slot.tmp"
mv "$dir/live-slot.tmp" "$dir/live-slot"
echo "http://127.0.0.1:${DEMO_PORTS.proxy} now serves $GEARSHIFT_SLOT"
`;

/** flagd-core in this clone's node_modules: the demo app evaluates its toggle with it. */
const FLAGD_CORE_DIR = path.dirname(require.resolve('@openfeature/flagd-core/package.json'));

export const DEMO_SERVERS_JS = `#!/usr/bin/env node
// The demo's production on 127.0.0.1: blue app :${DEMO_PORTS.blue}, green app :${DEMO_PORTS.green}, public proxy :${DEMO_PORTS.proxy}.
// The proxy forwards to the slot named in .demo/live-slot; an app serves its slot's release
// (.demo/release-<slot>.json): 200, or 500 when it was deployed broken (touch .demo/break).
//   node ci/demo-servers.js ensure   start them in the background unless they already run
//   node ci/demo-servers.js stop     stop them
//   node ci/demo-servers.js status   where they are and what is live
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const PORTS = { proxy: ${DEMO_PORTS.proxy}, blue: ${DEMO_PORTS.blue}, green: ${DEMO_PORTS.green} };

function stateDir() {
  // The main checkout's .demo, also from a clean worktree: scripts and servers agree.
  const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { encoding: 'utf8' }).trim();
  return path.join(common, '..', '.demo');
}

function read(dir, name) {
  try { return fs.readFileSync(path.join(dir, name), 'utf8').trim(); } catch { return undefined; }
}

function ask(port, urlPath) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: 1000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

// The value flagd serves for \`key\`, evaluated by flagd-core (flagd's own evaluator, the one
// Gearshift uses) from the Gearshift clone's node_modules: a real app asks an OpenFeature provider.
// The file is read on every request, as flagd rereads a watched file, so a flip shows at once.
const FLAGD_CORE = ${JSON.stringify(FLAGD_CORE_DIR)};
const QUIET = { error() {}, warn() {}, info() {}, debug() {} };
let flagdCore;
function flagValue(dir, key, codeDefault) {
  if (flagdCore === undefined) {
    try { flagdCore = require(FLAGD_CORE); } catch (e) { flagdCore = null; console.error('flagd-core not found (' + e.message + '): serving code defaults'); }
  }
  if (!flagdCore) { return codeDefault; }
  try {
    const core = new flagdCore.FlagdCore();
    core.setConfigurations(fs.readFileSync(path.join(dir, '..', 'flags.json'), 'utf8'));
    return core.resolveBooleanEvaluation(key, codeDefault, {}, QUIET).value;
  } catch { return codeDefault; }
}

function serve(dir) {
  const pidFile = path.join(dir, 'servers.pid');
  fs.writeFileSync(pidFile, String(process.pid));
  const app = (slot) => (req, res) => {
    if (req.url === '/__demo') { res.end(JSON.stringify({ dir })); return; }
    let release;
    try { release = JSON.parse(read(dir, 'release-' + slot + '.json') || ''); } catch { release = undefined; }
    if (!release) { res.writeHead(503, { 'x-slot': slot }); res.end('nothing deployed in ' + slot + '\\n'); return; }
    const status = release.broken ? 500 : 200;
    const checkout = flagValue(dir, 'new-checkout', false) === true ? 'new' : 'classic';
    res.writeHead(status, { 'content-type': 'text/plain', 'x-slot': slot });
    res.end((release.broken ? 'internal error: ' : '') + 'demo app ' + String(release.sha).slice(0, 8) + ' (' + slot + ') - checkout: ' + checkout + '\\n');
  };
  const proxy = (req, res) => {
    if (req.url === '/__demo') { res.end(JSON.stringify({ dir, pid: process.pid, live: read(dir, 'live-slot') || null })); return; }
    const live = read(dir, 'live-slot');
    if (!live || !PORTS[live]) { res.writeHead(503); res.end('no live slot yet: deploy to production\\n'); return; }
    const up = http.get({ host: '127.0.0.1', port: PORTS[live], path: req.url, agent: false }, (r) => {
      res.writeHead(r.statusCode || 502, { 'x-slot': live, 'content-type': 'text/plain' });
      r.pipe(res);
    });
    up.on('error', () => { if (!res.headersSent) { res.writeHead(502); } res.end(); });
  };
  for (const [name, handler] of [['blue', app('blue')], ['green', app('green')], ['proxy', proxy]]) {
    http.createServer(handler).listen(PORTS[name], '127.0.0.1').on('error', (e) => { console.error(name + ': ' + e.message); process.exit(1); });
  }
  // Stop when replaced or stopped (the pid file no longer names us) or when the demo is gone.
  setInterval(() => { if (read(dir, 'servers.pid') !== String(process.pid)) { process.exit(0); } }, 2000).unref();
  setInterval(() => {}, 1 << 30);
}

async function ensure(dir) {
  const seen = await ask(PORTS.proxy, '/__demo');
  if (seen) {
    let theirs;
    try { theirs = JSON.parse(seen.body).dir; } catch { theirs = undefined; }
    if (theirs === dir) { console.log('demo servers already running (proxy http://127.0.0.1:' + PORTS.proxy + ')'); return; }
    console.error('port ' + PORTS.proxy + ' is taken' + (theirs ? ' by the demo servers of ' + theirs + ': stop them with node ci/demo-servers.js stop there' : ''));
    process.exit(1);
  }
  fs.mkdirSync(dir, { recursive: true });
  const log = fs.openSync(path.join(dir, 'servers.log'), 'a');
  // detached: their own session, so they outlive this stage's process group.
  spawn(process.execPath, [__filename, 'serve', dir], { detached: true, stdio: ['ignore', log, log] }).unref();
  for (let i = 0; i < 100; i++) {
    if (await ask(PORTS.proxy, '/__demo')) {
      console.log('demo servers started: blue :' + PORTS.blue + ', green :' + PORTS.green + ', proxy http://127.0.0.1:' + PORTS.proxy);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  console.error('the demo servers did not start; see ' + path.join(dir, 'servers.log'));
  process.exit(1);
}

// Returns once they are gone, so a \`stop\` then \`ensure\` cannot find them still answering.
async function stop(dir) {
  const pid = Number(read(dir, 'servers.pid'));
  fs.rmSync(path.join(dir, 'servers.pid'), { force: true }); // on their own they notice within 2 s
  const ours = async () => {
    const seen = await ask(PORTS.proxy, '/__demo');
    let info;
    try { info = seen ? JSON.parse(seen.body) : undefined; } catch { info = undefined; }
    return info && info.dir === dir ? info : undefined;
  };
  const running = await ours();
  if (!running) { console.log('demo servers are not running'); return; }
  // Signal only the process that says it is this demo's servers, never a reused pid.
  if (running.pid === pid) { try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ } }
  for (let i = 0; i < 60; i++) {
    if (!(await ours())) { console.log('demo servers stopped'); return; }
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log('demo servers stop within 2 s');
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === 'serve') {
  serve(arg);
} else if (cmd === 'ensure') {
  ensure(stateDir());
} else if (cmd === 'stop') {
  stop(stateDir());
} else if (cmd === 'status') {
  const dir = stateDir();
  ask(PORTS.proxy, '/health').then((r) => console.log(r ? 'proxy: ' + r.status + ' ' + r.body.trim() + ' (live: ' + (read(dir, 'live-slot') || 'none') + ')' : 'not running'));
} else {
  console.error('usage: node ci/demo-servers.js ensure|stop|status');
  process.exit(2);
}
`;
