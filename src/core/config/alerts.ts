import { ALERTS_KEYS } from './keys';
import type { Field, Reader } from './reader';
import type { AlertsConfig } from './types';
import { quote } from './quote';
import { checkSecretRefs } from './secretRefs';
import { withPlaceholders } from '../secrets';

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
  if (!checkSecretRefs(hook.value, hook.node, r, `${P}\`webhook\`: `)) { return undefined; }
  // The whole URL a secret (a Slack hook is one): checked when it is resolved, before the POST.
  if (withPlaceholders(hook.value.trim()) === 'secret' && hook.value.includes('${{')) { return { webhook: hook.value.trim() }; }
  let url: URL | undefined;
  // A secret in the URL (a Slack hook's path) is resolved by Gearshift in-process, never by a shell.
  try { url = new URL(withPlaceholders(hook.value.trim())); } catch { url = undefined; }
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
