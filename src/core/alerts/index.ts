/** Webhook alerts: a JSON POST (Slack/Teams compatible) on red, each reminder, and back to green. */
export { WebhookAlerter, type AlerterOptions } from './alerter';
export { alertPayload, chatSafe, type AlertPayload, productionAlertPayload } from './payload';
export { parseWebhookUrl, redactUrl } from './url';
export { sendWebhook, type WebhookOptions, type WebhookResult } from './webhook';
