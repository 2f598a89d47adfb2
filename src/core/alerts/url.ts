/** Which webhook URLs we send to and follow redirects to, and how they appear in logs. */

/** A parsed http(s) URL, or why it is refused (checked again at call time: defense in depth). */
export function parseWebhookUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(String(raw).trim());
  } catch {
    return 'the webhook is not a full URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `the webhook must be an http:// or https:// URL, not ${url.protocol}`;
  }
  return url;
}

/**
 * A redirect is followed only to the same host and port, and never from https down to http:
 * the payload (and any credentials in the URL) must not travel somewhere the user did not name.
 * Returns why a redirect is refused, or undefined when it may be followed.
 */
export function redirectRefusal(from: URL, to: URL): string | undefined {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') {
    return `redirect to a ${to.protocol} URL not followed`;
  }
  if (to.host !== from.host) {
    return `redirect to another host (${to.host}) not followed`;
  }
  if (from.protocol === 'https:' && to.protocol === 'http:') {
    return 'redirect from https to http not followed';
  }
  return undefined;
}

/**
 * Scheme and host only: Slack/Teams webhook URLs carry their secret in the path (and some
 * people put credentials in the user part), so a log line never shows more than this.
 */
export function redactUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}
