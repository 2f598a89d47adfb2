import { refuseSecretRefs } from './secretRefs';
import { DEFAULT_SLOTS, DEPLOY_KEYS, SLOT_NAME, STRATEGIES } from './keys';
import type { Field, Reader } from './reader';
import type { DeployConfig } from './types';
import { quote } from './quote';
import { readEnv } from './env';

const P = 'deploy: ';

/**
 * The optional `deploy:` section. `strategy` may be left out: blue-green is the only one, so
 * it is the default (and stays the default if others are added later). `slots` defaults to
 * blue/green. `switch` is required: without it Gearshift cannot make a slot live. `env` is
 * the switch script's extra environment, read like a stage's (secrets allowed there only).
 */
export function readDeploy(field: Field, r: Reader): DeployConfig | undefined {
  const map = r.map(field, 'deploy', '');
  if (map === undefined) { return undefined; }
  const f = map === 'empty' ? new Map<string, Field>() : r.fields(map, DEPLOY_KEYS, P);
  let ok = true;

  const strategyField = f.get('strategy');
  const strategy = strategyField ? r.oneOf(strategyField, 'strategy', P, STRATEGIES) : 'blue-green';
  if (strategy === undefined) { ok = false; }

  let slots: readonly [string, string] = DEFAULT_SLOTS;
  const slotsField = f.get('slots');
  if (slotsField) {
    const read = readSlots(slotsField, r);
    if (read) { slots = read; } else { ok = false; }
  }

  const switchField = f.get('switch');
  if (!switchField) {
    r.problems.at(map === 'empty' ? field.key : map, `${P}\`switch\` is missing; give the command that makes a slot live (it gets the slot name in GEARSHIFT_SLOT), e.g. \`switch: ./scripts/switch.sh\``);
  }
  const sw = switchField ? r.text(switchField, 'switch', P, 'the command that makes a slot live') : undefined;

  const envField = f.get('env');
  const problemsBefore = r.problems.count;
  const env = envField ? readEnv(envField, r, P) : undefined;
  if (r.problems.count > problemsBefore) { ok = false; }

  const refsOk = sw ? refuseSecretRefs(sw.value, sw.node, r, P, 'switch') : false;
  return ok && strategy && sw && refsOk ? { strategy, slots, switch: sw.value, ...(env && Object.keys(env).length > 0 ? { env } : {}) } : undefined;
}

function readSlots(field: Field, r: Reader): readonly [string, string] | undefined {
  const items = r.stringList(field, 'slots', P, { one: 'a slot name', many: 'slot names' }, 'remove the line to use `[blue, green]`, or name two slots');
  if (!items) { return undefined; }
  if (items.length !== 2) {
    r.problems.at(field.value, `${P}\`slots\` must name exactly two slots, e.g. \`[blue, green]\`; found ${items.length}`, field.key);
    return undefined;
  }
  let ok = true;
  for (const s of items) {
    if (!SLOT_NAME.test(s.value)) {
      r.problems.at(s.node, `${P}slot name ${quote(s.value)} may only use letters, digits, \`.\`, \`_\` and \`-\`, e.g. \`blue\``);
      ok = false;
    }
  }
  if (ok && items[0].value === items[1].value) {
    r.problems.at(items[1].node, `${P}the two \`slots\` must have different names; both are ${quote(items[0].value)}`);
    ok = false;
  }
  return ok ? [items[0].value, items[1].value] : undefined;
}
