/** Flags files in the shapes flagd documents (flagd.dev/reference/flag-definitions), for the flags tests. */

export const FLAGD_EXAMPLE = `{
  "$schema": "https://flagd.dev/schema/v0/flags.json",
  "metadata": { "flagSetId": "shop", "version": "v1" },
  "$evaluators": {
    "isStaff": { "ends_with": [{ "var": "email" }, "@example.com"] }
  },
  "flags": {
    "new-checkout": {
      "state": "ENABLED",
      "variants": { "on": true, "off": false },
      "defaultVariant": "off",
      "metadata": { "createdAt": "2026-01-01T00:00:00.000Z" }
    },
    "header-color": {
      "state": "ENABLED",
      "variants": { "red": "#c00", "blue": "#00c", "yellow": "#cc0" },
      "defaultVariant": "red",
      "targeting": {
        "if": [{ "$ref": "isStaff" }, "yellow", null]
      }
    },
    "split-test": {
      "state": "ENABLED",
      "variants": { "a": "A", "b": "B" },
      "defaultVariant": "a",
      "targeting": { "fractional": [{ "var": "targetingKey" }, ["a", 50], ["b", 50]] }
    },
    "min-version": {
      "state": "ENABLED",
      "variants": { "new": 2, "old": 1 },
      "defaultVariant": "old",
      "targeting": { "if": [{ "sem_ver": [{ "var": "version" }, ">=", "2.0.0"] }, "new", "old"] }
    },
    "banner": {
      "state": "DISABLED",
      "variants": { "short": { "text": "Hi", "ms": 3000 }, "long": { "text": "Hello there", "ms": 5000 } },
      "defaultVariant": "short"
    },
    "code-default": {
      "state": "ENABLED",
      "variants": { "on": true, "off": false },
      "defaultVariant": null
    }
  }
}
`;

export function flagsFile(flags: Record<string, unknown>): string {
  return `${JSON.stringify({ flags }, undefined, 2)}\n`;
}

export const BOOLEAN_FLAG = { state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' };
