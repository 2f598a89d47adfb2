import * as assert from 'assert';
import { formatConfigError, parsePipelineText, type ConfigError } from '../../../src/core/config';
import { closest } from '../../../src/core/config/suggest';

const FILE = '/repo/.gearshift.yml';

interface Bad {
  readonly why: string;
  readonly lines: readonly string[];
  /** 1-based position of the error this case is about. */
  readonly line: number;
  readonly col: number;
  /** A phrase the message must contain. */
  readonly says: string;
  /** How many errors in total; 1 unless stated, so cascades of follow-on errors are caught. */
  readonly count?: number;
}

/** A valid head for cases that are about one stage or section. */
const HEAD = ['version: 1', 'stages:'];
const STAGE = ['  - name: build', '    run: make'];
/** A valid `monitor:` head and probe list, for cases about one monitor key. */
const MONITOR = ['monitor:', '  window: 2m'];
const PROBES = ['  probes:', '    - http: http://127.0.0.1:8080/health'];

const CASES: readonly Bad[] = [
  // YAML itself
  // yaml says the quote is missing at the end of the file; the message points at the quote that opened (review24 #11).
  { why: 'unclosed quote', lines: [...HEAD, '  - name: "build', '    run: make', '  - name: test', '    run: npm test'], line: 3, col: 11, says: 'YAML syntax error: this quote is never closed' },
  { why: 'unclosed single quote', lines: [...HEAD, ...STAGE, "    cwd: 'sub", '  - name: test', '    run: npm test'], line: 5, col: 10, says: 'YAML syntax error: this quote is never closed' },
  { why: 'tab indentation', lines: [...HEAD, '\t- name: build'], line: 3, col: 1, says: 'indent with spaces, not tabs' },
  { why: 'two documents', lines: [...HEAD, ...STAGE, '---', 'version: 1'], line: 5, col: 1, says: 'only one YAML document is allowed' },
  { why: 'top level is a list', lines: ['- name: build', '  run: make'], line: 1, col: 1, says: 'the file must be a mapping of keys such as `version: 1` and `stages:`, not a list' },
  { why: 'top level is text', lines: ['hello'], line: 1, col: 1, says: 'not the text "hello"' },
  { why: 'duplicate top-level key', lines: [...HEAD, ...STAGE, 'version: 1'], line: 5, col: 1, says: 'duplicate key `version` (first set on line 1)' },
  { why: 'duplicate stage key', lines: [...HEAD, ...STAGE, '    run: make all'], line: 5, col: 5, says: 'duplicate key `run` (first set on line 4)' },
  { why: 'alias without anchor', lines: [...HEAD, '  - name: build', '    run: *cmd'], line: 4, col: 10, says: '`*cmd` refers to no anchor' },
  { why: 'merge key', lines: [...HEAD, '  - name: build', '    <<: {run: make}', '    run: make'], line: 4, col: 5, says: 'merge keys (`<<`) are not supported' },
  // version
  { why: 'version missing', lines: ['stages:', ...STAGE], line: 1, col: 1, says: '`version` is missing; add `version: 1`' },
  { why: 'version 2', lines: ['version: 2', 'stages:', ...STAGE], line: 1, col: 10, says: '`version` 2 is not supported' },
  { why: 'version as text', lines: ['version: "1"', 'stages:', ...STAGE], line: 1, col: 10, says: '`version` must be the number 1, not the text "1"' },
  // top-level keys
  { why: 'misspelt top-level key', lines: [...HEAD, ...STAGE, 'trigers: commit'], line: 5, col: 1, says: 'unknown key `trigers`; did you mean `trigger`?' },
  { why: 'unknown key with nothing close', lines: [...HEAD, ...STAGE, 'colour: red'], line: 5, col: 1, says: 'known keys here: version, trigger' },
  { why: 'trigger typo', lines: ['version: 1', 'trigger: comit', 'stages:', ...STAGE], line: 2, col: 10, says: 'must be `manual` or `commit`, not "comit"; did you mean `commit`?' },
  { why: 'trigger as a list', lines: ['version: 1', 'trigger: [manual]', 'stages:', ...STAGE], line: 2, col: 10, says: '`trigger` must be `manual` or `commit` (text), not a list' },
  { why: 'empty branch name', lines: ['version: 1', 'branches: [main, ""]', 'stages:', ...STAGE], line: 2, col: 18, says: 'each item of `branches` must be a branch name or glob, not an empty string' },
  { why: 'branches as a mapping', lines: ['version: 1', 'branches: {main: 1}', 'stages:', ...STAGE], line: 2, col: 11, says: '`branches` must be a list of branch names or globs, not a mapping' },
  { why: 'branches with no value', lines: ['version: 1', 'branches:', 'stages:', ...STAGE], line: 2, col: 1, says: '`branches` has no value' },
  // stages list
  { why: 'stages missing', lines: ['version: 1', 'trigger: manual'], line: 1, col: 1, says: '`stages` is missing' },
  { why: 'stages is text', lines: ['version: 1', 'stages: foo'], line: 2, col: 9, says: '`stages` must be a list of stages' },
  { why: 'stages empty list', lines: ['version: 1', 'stages: []'], line: 2, col: 9, says: '`stages` is empty' },
  { why: 'stages with no value', lines: ['version: 1', 'stages:'], line: 2, col: 1, says: '`stages` is empty' },
  { why: 'stage is a string', lines: [...HEAD, ...STAGE, '  - npm test'], line: 5, col: 5, says: 'stage 2 must be a mapping with at least `name:` and `run:`, not the text "npm test"' },
  // name / run
  { why: 'name missing', lines: [...HEAD, '  - run: make'], line: 3, col: 5, says: 'stage 1: `name` is missing' },
  { why: 'run missing', lines: [...HEAD, '  - name: build', '    timeout: 5m'], line: 3, col: 5, says: 'stage "build": `run` is missing' },
  { why: 'run is a list', lines: [...HEAD, '  - name: build', '    run: [make]'], line: 4, col: 10, says: '`run` must be a shell command (text), not a list' },
  { why: 'run is empty text', lines: [...HEAD, '  - name: build', "    run: ''"], line: 4, col: 10, says: '`run` is empty' },
  { why: 'run has no value', lines: [...HEAD, '  - name: build', '    run:'], line: 4, col: 5, says: '`run` has no value; give it a shell command' },
  { why: 'name is a number', lines: [...HEAD, '  - name: 123', '    run: make'], line: 3, col: 11, says: 'not the number 123 (put it in quotes' },
  { why: 'duplicate stage name', lines: [...HEAD, ...STAGE, '  - name: build', '    run: make again'], line: 5, col: 11, says: 'stage name "build" is already used on line 3' },
  // needs
  { why: 'needs unknown stage', lines: [...HEAD, ...STAGE, '  - name: deploy', '    run: ./deploy', '    needs: [biuld]'], line: 7, col: 13, says: 'needs "biuld", but no stage has that name; did you mean "build"?' },
  { why: 'needs itself', lines: [...HEAD, ...STAGE, '    needs: [build]'], line: 5, col: 13, says: 'stage "build": needs itself' },
  { why: 'needs cycle, both written', lines: [...HEAD, '  - name: a', '    run: x', '    needs: [b]', '  - name: b', '    run: y', '    needs: [a]'], line: 5, col: 13, says: '`needs` form a cycle: "a" → "b" → "a"' },
  { why: 'needs cycle through an implicit need', lines: [...HEAD, '  - name: a', '    run: x', '    needs: [b]', '  - name: b', '    run: y'], line: 5, col: 13, says: '"b" has no `needs`, so it waits for the stage before it' },
  { why: 'needs is a number', lines: [...HEAD, ...STAGE, '    needs: 5'], line: 5, col: 12, says: '`needs` must be a list of stage names, not the number 5' },
  { why: 'needs has no value', lines: [...HEAD, ...STAGE, '    needs:'], line: 5, col: 5, says: 'write `needs: []` to start at once' },
  { why: 'needs item is a number', lines: [...HEAD, ...STAGE, '  - name: b', '    run: y', '    needs: [build, 3]'], line: 7, col: 20, says: 'each item of `needs` must be a stage name, not the number 3 (put it in quotes' },
  // timeout
  { why: 'timeout without a unit', lines: [...HEAD, ...STAGE, '    timeout: 5'], line: 5, col: 14, says: '`timeout` needs a unit' },
  { why: 'timeout with an unknown unit', lines: [...HEAD, ...STAGE, '    timeout: 10x'], line: 5, col: 14, says: '"10x" is not a valid duration' },
  { why: 'timeout zero', lines: [...HEAD, ...STAGE, '    timeout: 0s'], line: 5, col: 14, says: 'more than 0' },
  { why: 'timeout over a day', lines: [...HEAD, ...STAGE, '    timeout: 25h'], line: 5, col: 14, says: 'at most 24h' },
  // env
  { why: 'env reserved name', lines: [...HEAD, ...STAGE, '    env:', '      GEARSHIFT_SHA: abc'], line: 6, col: 7, says: '"GEARSHIFT_SHA" is reserved' },
  { why: 'env invalid name', lines: [...HEAD, ...STAGE, '    env:', '      MY-VAR: 1'], line: 6, col: 7, says: '"MY-VAR" is not a valid variable name' },
  { why: 'env value is a list', lines: [...HEAD, ...STAGE, '    env:', '      PATHS: [a, b]'], line: 6, col: 14, says: 'PATHS must be text, a number or true/false, not a list' },
  { why: 'env value missing', lines: [...HEAD, ...STAGE, '    env:', '      EMPTY:'], line: 6, col: 7, says: "write `EMPTY: ''` for an empty string" },
  { why: 'env is a list', lines: [...HEAD, ...STAGE, '    env: [A=1]'], line: 5, col: 10, says: '`env` must be a mapping' },
  { why: 'env duplicate name', lines: [...HEAD, ...STAGE, '    env:', '      A: 1', '      A: 2'], line: 7, col: 7, says: 'duplicate key `A` (first set on line 6)' },
  // cwd
  { why: 'cwd absolute', lines: [...HEAD, ...STAGE, '    cwd: /etc'], line: 5, col: 10, says: 'not the absolute path "/etc"' },
  { why: 'cwd escapes with ..', lines: [...HEAD, ...STAGE, '    cwd: ../other-repo'], line: 5, col: 10, says: 'leads outside the pipeline file\'s folder; stages may only run in folders inside it' },
  { why: 'cwd escapes through a subfolder', lines: [...HEAD, ...STAGE, '    cwd: packages/../../x'], line: 5, col: 10, says: 'leads outside the pipeline file\'s folder; stages may only run in folders inside it' },
  { why: 'cwd home-relative', lines: [...HEAD, ...STAGE, '    cwd: ~/src'], line: 5, col: 10, says: 'starts with `~`' },
  // environment / approval / unknown stage keys
  { why: 'environment alias', lines: [...HEAD, ...STAGE, '    environment: prod'], line: 5, col: 18, says: 'not "prod"; did you mean `production`?' },
  { why: 'approval true', lines: [...HEAD, ...STAGE, '    approval: true'], line: 5, col: 15, says: '`approval` must be `manual` (text), not true (a true/false value)' },
  { why: 'stage key from another CI', lines: [...HEAD, ...STAGE, '    depends_on: [x]'], line: 5, col: 5, says: 'stage "build": unknown key `depends_on`; did you mean `needs`?' },
  { why: 'misspelt alias of run', lines: [...HEAD, '  - name: build', '    comand: make'], line: 4, col: 5, says: 'unknown key `comand`; did you mean `run`?', count: 2 },
  // deploy
  { why: 'deploy strategy', lines: [...HEAD, ...STAGE, 'deploy:', '  strategy: rolling', '  switch: ./s.sh'], line: 6, col: 13, says: '`strategy` must be `blue-green`' },
  { why: 'deploy three slots', lines: [...HEAD, ...STAGE, 'deploy:', '  slots: [a, b, c]', '  switch: ./s.sh'], line: 6, col: 10, says: 'exactly two slots' },
  { why: 'deploy same slot twice', lines: [...HEAD, ...STAGE, 'deploy:', '  slots: [blue, blue]', '  switch: ./s.sh'], line: 6, col: 17, says: 'must have different names' },
  { why: 'deploy slot with a space', lines: [...HEAD, ...STAGE, 'deploy:', '  slots: [blue, "dark green"]', '  switch: ./s.sh'], line: 6, col: 17, says: 'slot name "dark green" may only use letters' },
  { why: 'deploy without switch', lines: [...HEAD, ...STAGE, 'deploy:', '  slots: [blue, green]'], line: 6, col: 3, says: '`switch` is missing' },
  { why: 'deploy with no value', lines: [...HEAD, ...STAGE, 'deploy:'], line: 5, col: 1, says: '`switch` is missing' },
  { why: 'deploy is text', lines: [...HEAD, ...STAGE, 'deploy: yes'], line: 5, col: 9, says: '`deploy` must be a mapping' },
  { why: 'deploy unknown key', lines: [...HEAD, ...STAGE, 'deploy:', '  switch: ./s.sh', '  slot: [a, b]'], line: 7, col: 3, says: 'deploy: unknown key `slot`; did you mean `slots`?' },
  // alerts
  { why: 'webhook with another scheme', lines: [...HEAD, ...STAGE, 'alerts:', '  webhook: ftp://example.com/x'], line: 6, col: 12, says: 'must be an http:// or https:// URL, not ftp:' },
  { why: 'webhook not a URL', lines: [...HEAD, ...STAGE, 'alerts:', '  webhook: example.com/hook'], line: 6, col: 12, says: 'is not a full URL' },
  { why: 'alerts unknown key', lines: [...HEAD, ...STAGE, 'alerts:', '  webhok: http://x'], line: 6, col: 3, says: 'did you mean `webhook`?' },
  // queue / checkout
  { why: 'queue newest', lines: [...HEAD, ...STAGE, 'queue: newest'], line: 5, col: 8, says: '`queue` must be `latest` or `all`, not "newest"; did you mean `latest`?' },
  { why: 'queue typo', lines: [...HEAD, ...STAGE, 'queue: al'], line: 5, col: 8, says: 'not "al"; did you mean `all`?' },
  { why: 'checkout fresh', lines: [...HEAD, ...STAGE, 'checkout: fresh'], line: 5, col: 11, says: '`checkout` must be `workspace` or `clean`, not "fresh"' },
  { why: 'checkout true', lines: [...HEAD, ...STAGE, 'checkout: true'], line: 5, col: 11, says: '`checkout` must be `workspace` or `clean` (text), not true' },
  // monitor: the section and its numbers
  { why: 'monitor with no value', lines: [...HEAD, ...STAGE, 'monitor:'], line: 5, col: 1, says: '`monitor` has no value; give it a `window:`' },
  { why: 'monitor window 0s', lines: [...HEAD, ...STAGE, 'monitor:', '  window: 0s', ...PROBES], line: 6, col: 11, says: 'the monitor window must be longer than 0' },
  { why: 'monitor window 0', lines: [...HEAD, ...STAGE, 'monitor:', '  window: 0', ...PROBES], line: 6, col: 11, says: 'the monitor window must be longer than 0' },
  { why: 'monitor window negative', lines: [...HEAD, ...STAGE, 'monitor:', '  window: -5m', ...PROBES], line: 6, col: 11, says: '`window` -5m is too short: the monitor window must be longer than 0' },
  { why: 'monitor window missing', lines: [...HEAD, ...STAGE, 'monitor:', '  interval: 5s', ...PROBES], line: 6, col: 3, says: 'monitor: `window` is missing' },
  { why: 'monitor window without a unit', lines: [...HEAD, ...STAGE, 'monitor:', '  window: 120', ...PROBES], line: 6, col: 11, says: '`window` needs a unit' },
  { why: 'monitor window in days', lines: [...HEAD, ...STAGE, 'monitor:', '  window: 1d', ...PROBES], line: 6, col: 11, says: '`window` "1d" is not a valid duration' },
  { why: 'monitor window over a day', lines: [...HEAD, ...STAGE, 'monitor:', '  window: 25h', ...PROBES], line: 6, col: 11, says: 'at most 24h' },
  { why: 'monitor interval longer than window', lines: [...HEAD, ...STAGE, ...MONITOR, '  interval: 5m', ...PROBES], line: 7, col: 13, says: '`interval` 5m is longer than `window` 2m' },
  { why: 'monitor window shorter than the default interval', lines: [...HEAD, ...STAGE, 'monitor:', '  window: 3s', ...PROBES], line: 6, col: 11, says: 'shorter than the default `interval` of 5s' },
  { why: 'monitor interval 0s', lines: [...HEAD, ...STAGE, ...MONITOR, '  interval: 0s', ...PROBES], line: 7, col: 13, says: '`interval` must be longer than 0, not 0s' },
  { why: 'monitor baseline not a duration', lines: [...HEAD, ...STAGE, ...MONITOR, '  baseline: off', ...PROBES], line: 7, col: 13, says: '`baseline` "off" is not a valid duration' },
  { why: 'monitor threshold 1.5', lines: [...HEAD, ...STAGE, ...MONITOR, '  threshold: 1.5', ...PROBES], line: 7, col: 14, says: '`threshold` must be greater than 0 and at most 1 (an error rate: `0.1` is 10%), not the number 1.5' },
  { why: 'monitor threshold 0', lines: [...HEAD, ...STAGE, ...MONITOR, '  threshold: 0', ...PROBES], line: 7, col: 14, says: 'must be greater than 0 and at most 1' },
  { why: 'monitor threshold as a percentage', lines: [...HEAD, ...STAGE, ...MONITOR, '  threshold: 10%', ...PROBES], line: 7, col: 14, says: 'a fraction, not a percentage: for 10% write `0.1`' },
  { why: 'monitor threshold quoted', lines: [...HEAD, ...STAGE, ...MONITOR, '  threshold: "0.2"', ...PROBES], line: 7, col: 14, says: 'not the text "0.2" (remove the quotes)' },
  { why: 'monitor spike 0.5', lines: [...HEAD, ...STAGE, ...MONITOR, '  spike: 0.5', ...PROBES], line: 7, col: 10, says: '`spike` must be greater than 1' },
  { why: 'monitor autoRollback yes', lines: [...HEAD, ...STAGE, ...MONITOR, '  autoRollback: yes', ...PROBES], line: 7, col: 17, says: '`autoRollback` must be `true` or `false`, not the text "yes"' },
  { why: 'monitor misspelt key', lines: [...HEAD, ...STAGE, ...MONITOR, '  auto_rollback: true', ...PROBES], line: 7, col: 3, says: 'monitor: unknown key `auto_rollback`; did you mean `autoRollback`?' },
  { why: 'monitor probes missing', lines: [...HEAD, ...STAGE, ...MONITOR], line: 6, col: 3, says: 'monitor: `probes` is missing' },
  { why: 'monitor probes empty', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes: []'], line: 7, col: 11, says: '`probes` is empty' },
  // monitor: probes
  { why: 'probe with two kinds', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: http://127.0.0.1:8080/health', '      command: ./check.sh'], line: 9, col: 7, says: 'monitor: probe 1: has both `http` and `command`; a probe watches one thing' },
  { why: 'probe with no kind', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - name: health', '      timeout: 2s'], line: 8, col: 7, says: 'monitor: probe "health": says nothing to watch; give it exactly one of `http: URL`, `command: …`, `log: FILE` (with `match:`) or `compare: previous-slot`' },
  { why: 'probe is text', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - ./check.sh'], line: 8, col: 7, says: 'probe 1 must be a mapping, not the text "./check.sh"' },
  { why: 'probe with an ftp URL', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: ftp://example.com/x'], line: 8, col: 13, says: '`http` must be an http:// or https:// URL, not ftp:' },
  { why: 'probe URL not a URL', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: localhost/health'], line: 8, col: 13, says: '`http` "localhost/health" is not a full URL' },
  { why: 'probe with a bad regex', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - log: logs/app.log', '      match: "(ERROR"'], line: 9, col: 14, says: '`match` is not a valid regular expression (Invalid regular expression: /(ERROR/: Unterminated group)' },
  { why: 'probe regex matching every line', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - log: logs/app.log', '      match: "ERROR|"'], line: 9, col: 14, says: 'matches every line (even an empty one)' },
  { why: 'log probe without match', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - log: logs/app.log'], line: 8, col: 7, says: '`match` is missing; a log probe needs the regular expression' },
  { why: 'log path escaping the repo', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - log: ../../var/log/syslog', '      match: ERROR'], line: 8, col: 12, says: '`log` "../../var/log/syslog" leads outside the pipeline file\'s folder; log probes may only read files inside it' },
  { why: 'log path absolute', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - log: /var/log/syslog', '      match: ERROR'], line: 8, col: 12, says: 'must be a file relative to the pipeline file\'s folder, not the absolute path "/var/log/syslog"' },
  { why: 'duplicate probe names', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - { name: api, http: "http://127.0.0.1/" }', '    - { name: api, command: ./check.sh }'], line: 9, col: 15, says: 'probe name "api" is already used on line 8' },
  { why: 'duplicate derived probe names', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - command: ./check.sh', '    - command: ./check.sh'], line: 9, col: 16, says: 'would be named "./check.sh", like the probe on line 8; give one of them a unique `name:`' },
  { why: 'probe requests 0', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: http://127.0.0.1/', '      requests: 0'], line: 9, col: 17, says: '`requests` (GETs per interval) must be a whole number from 1 to 100, not the number 0' },
  { why: 'probe requests 2.5', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: http://127.0.0.1/', '      requests: 2.5'], line: 9, col: 17, says: 'a whole number from 1 to 100, not the number 2.5' },
  { why: 'unknown key in a probe', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: http://127.0.0.1/', '      timout: 2s'], line: 9, col: 7, says: 'monitor: probe 1: unknown key `timout`; did you mean `timeout`?' },
  { why: 'probe key from another kind', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: http://127.0.0.1/', '      match: ERROR'], line: 9, col: 7, says: '`match` only applies to `log` probes, and this is an `http` probe; remove it' },
  { why: 'probe url key', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - name: api', '      url: http://127.0.0.1/'], line: 9, col: 7, says: 'unknown key `url`; did you mean `http`?', count: 2 },
  { why: 'probe timeout 0s', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - command: ./check.sh', '      timeout: 0s'], line: 9, col: 16, says: '`timeout` must be longer than 0, not 0s' },
  { why: 'probe maxLatency not under timeout', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - http: http://127.0.0.1/', '      timeout: 2s', '      maxLatency: 2s'], line: 10, col: 19, says: '`maxLatency` 2s must be shorter than `timeout` (2s)' },
  { why: 'probe name on two lines', lines: [...HEAD, ...STAGE, ...MONITOR, '  probes:', '    - name: "a\\nb"', '      command: x'], line: 8, col: 13, says: '`name` must fit on one line' },
  // gears
  { why: 'gears window 0d', lines: [...HEAD, ...STAGE, 'gears: { window: 0d }'], line: 5, col: 18, says: 'gears: `window` must be from 1d to 3650d, not 0d' },
  { why: 'gears window over ten years', lines: [...HEAD, ...STAGE, 'gears:', '  window: 3651d'], line: 6, col: 11, says: 'must be from 1d to 3650d, not 3651d' },
  { why: 'gears sprint 200d', lines: [...HEAD, ...STAGE, 'gears:', '  sprint: 200d'], line: 6, col: 11, says: 'gears: `sprint` must be from 1d to 90d, not 200d' },
  { why: 'gears window without a unit', lines: [...HEAD, ...STAGE, 'gears:', '  window: 90'], line: 6, col: 11, says: '`window` needs a unit: for 90 days write `90d`' },
  { why: 'gears sprint in weeks', lines: [...HEAD, ...STAGE, 'gears:', '  sprint: 2w'], line: 6, col: 11, says: '`sprint` "2w" is not a valid duration; write whole days' },
  { why: 'gears deployTags starting with -', lines: [...HEAD, ...STAGE, 'gears:', '  deployTags: "-v*"'], line: 6, col: 15, says: 'cannot match a git tag' },
  { why: 'gears deployTags as a list', lines: [...HEAD, ...STAGE, 'gears:', '  deployTags: [v*]'], line: 6, col: 15, says: '`deployTags` must be one tag glob such as `v*` or `deploy/*` (text), not a list' },
  { why: 'gears misspelt key', lines: [...HEAD, ...STAGE, 'gears:', '  sprnt: 14d'], line: 6, col: 3, says: 'gears: unknown key `sprnt`; did you mean `sprint`?' },
  { why: 'gears is text', lines: [...HEAD, ...STAGE, 'gears: fast'], line: 5, col: 8, says: '`gears` must be a mapping' },
];

describe('config: bad files', () => {
  for (const c of CASES) {
    it(`${c.why} → ${c.line}:${c.col}`, () => {
      const text = c.lines.join('\n') + '\n';
      const result = parsePipelineText(text, FILE);
      assert.strictEqual(result.ok, false, 'expected ok: false');
      if (result.ok) { return; }
      const all = result.errors.map(formatConfigError).join('\n');
      const hit = result.errors.find((e) => e.line === c.line && e.col === c.col && e.message.includes(c.says));
      assert.ok(hit, `no error at ${c.line}:${c.col} saying ${JSON.stringify(c.says)}; got:\n${all}`);
      assert.strictEqual(result.errors.length, c.count ?? 1, `unexpected number of errors:\n${all}`);
      assertOffsetsMatch(text, hit);
    });
  }

  it('no "did you mean" when every letter would change: needs [Z] is no typo of stage "A"', () => {
    const result = parsePipelineText([...HEAD, '  - name: A', '    run: x', '  - name: B', '    run: y', '    needs: [Z]'].join('\n') + '\n', FILE);
    assert.ok(!result.ok);
    assert.deepStrictEqual(result.errors.map((e) => e.message), ['stage "B": needs "Z", but no stage has that name']);
    assert.strictEqual(closest('Z', ['A']), undefined);
    assert.strictEqual(closest('Bx', ['B', 'A']), 'B');
    assert.strictEqual(closest('stagse', ['stages']), 'stages');
  });

  it('a monorepo pipeline\'s `cwd: ../web` names the real limit, the pipeline file\'s folder, not the repository root (review37c F2)', () => {
    const result = parsePipelineText([...HEAD, ...STAGE, '    cwd: ../web'].join('\n') + '\n', '/repo/apps/api/x.yml');
    assert.ok(!result.ok);
    assert.deepStrictEqual(result.errors.map(formatConfigError), [
      '/repo/apps/api/x.yml:5:10: stage "build": `cwd` "../web" leads outside the pipeline file\'s folder; stages may only run in folders inside it',
    ]);
  });

  it('has at least 30 distinct cases', () => {
    assert.ok(new Set(CASES.map((c) => c.lines.join('\n'))).size >= 30);
  });

  it('collects every error instead of stopping at the first, in file order', () => {
    const text = ['version: 3', 'trigger: sometimes', 'stages:', '  - name: a', '    run: x', '    timeout: soon', '  - name: a', '    run: y'].join('\n');
    const result = parsePipelineText(text, FILE);
    assert.ok(!result.ok);
    assert.deepStrictEqual(result.errors.map((e) => [e.line, e.col]), [[1, 10], [2, 10], [6, 14], [7, 11]]);
    assert.strictEqual(formatConfigError(result.errors[0]), '/repo/.gearshift.yml:1:10: `version` 3 is not supported; this Gearshift reads `version: 1`');
  });

  it('collects every monitor and gears error too, in file order', () => {
    const text = [
      ...HEAD, ...STAGE, 'queue: newest', 'monitor:', '  window: 0s', '  threshold: 2', '  probes:',
      '    - http: ftp://x/', '      match: E', '    - log: ../x.log', '      match: "("', 'gears:', '  sprint: 200d',
    ].join('\n');
    const result = parsePipelineText(text, FILE);
    assert.ok(!result.ok);
    assert.deepStrictEqual(result.errors.map((e) => [e.line, e.col]), [[5, 8], [7, 11], [8, 14], [10, 13], [11, 7], [12, 12], [13, 14], [15, 11]]);
  });

  it('counts columns from the start of each line with CRLF line endings', () => {
    const result = parsePipelineText('version: 1\r\nstages:\r\n  - name: a\r\n    run: x\r\n    timeout: 5\r\n', FILE);
    assert.ok(!result.ok);
    assert.deepStrictEqual([result.errors[0].line, result.errors[0].col], [5, 14]);
  });

  it('treats an empty or comment-only text as an empty file', () => {
    for (const text of ['', '  \n\n', '# just a comment\n']) {
      const result = parsePipelineText(text, FILE);
      assert.ok(!result.ok);
      assert.deepStrictEqual(result.errors.map((e) => [e.line, e.col, e.message]), [[1, 1, 'file is empty; it needs at least `version: 1` and `stages:`']]);
    }
  });

  it('reports a syntax error once per line, without follow-on validation errors', () => {
    const result = parsePipelineText(['- a', 'b: 1', 'c: 2'].join('\n'), FILE);
    assert.ok(!result.ok);
    assert.ok(result.errors.every((e) => e.message.startsWith('YAML syntax error')));
    assert.strictEqual(new Set(result.errors.map((e) => e.line)).size, result.errors.length);
  });
});

/** The offsets must cover the same text the line/col points at, for editors that use ranges. */
function assertOffsetsMatch(text: string, e: ConfigError): void {
  const lineStart = text.split('\n').slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0);
  assert.strictEqual(e.offset, lineStart + e.col - 1, 'offset does not match line:col');
  assert.ok(e.endOffset >= e.offset, 'endOffset before offset');
}
