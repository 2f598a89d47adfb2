import { ALERTS_KEYS } from './keys';
import type { Field, Reader } from './reader';
import type { AlertsConfig } from './types';
import { quote } from './quote';

const P = 'alerts: ';

/** The optional `alerts:` section. Only http(s) webhooks: other schemes (file:, ftp:) have no POST to send. */
export function readAlerts(field: Field, r: Reader): AlertsConfig | undefined {
  const map = r.map(field, 'alerts', '');
  if (map === undefined) { return undefined; }
  if (map === 'empty') { return {}; }
  const f = r.fields(map, ALERTS_KEYS, P);
  const webhookField = f.get('webhook');
  if (!webhookField) { return {}; }
  const hook = r.text(webhookField, 'webhook', P, 'an http:// or https:// URL');
  if (!hook) { return undefined; }
  let url: URL | undefined;
  try { url = new URL(hook.value.trim()); } catch { url = undefined; }
  if (!url) {
    r.problems.at(hook.node, `${P}\`webhook\` ${quote(hook.value)} is not a full URL; write it like \`https://example.com/hook\``);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    r.problems.at(hook.node, `${P}\`webhook\` must be an http:// or https:// URL, not ${url.protocol}`);
    return undefined;
  }
  return { webhook: hook.value.trim() };
}
