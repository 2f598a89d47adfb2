import * as fs from 'fs';

/** A missing machine-level prerequisite: reported by name with the command that installs it. */
export class MissingPrerequisite extends Error {}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) {
    throw new MissingPrerequisite(
      'Chromium not found (looked for $CHROMIUM_PATH, /usr/bin/chromium). Install it: apt-get install -y chromium');
  }
  return found;
}

/** code-server's `kerberos` module compiles against the GSSAPI headers. */
export function checkKerberosHeaders(): void {
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/gssapi.h')) {
    throw new MissingPrerequisite(
      'libkrb5-dev not found (no /usr/include/gssapi/gssapi.h): code-server needs it to build. Install it: apt-get install -y libkrb5-dev');
  }
}
