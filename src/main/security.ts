import type { Session, WebContents } from 'electron';

/** Our own pages only: bundled files in production, the dev server while developing. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  if (url.startsWith('file://')) return true;
  return devServerUrl !== undefined && url.startsWith(devServerUrl);
}

/** Outside pages the app may open — in the system browser, never inside the app window. */
const externalAllowList = [
  'https://www.twilio.com/',
  'https://console.twilio.com/',
  'https://elevenlabs.io/',
  'https://github.com/',
];

export function isAllowedExternal(url: string): boolean {
  return externalAllowList.some((prefix) => url.startsWith(prefix));
}

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' wss://*.twilio.com; media-src 'self' blob: mediastream:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Session-wide rules: CSP on every response, and only the microphone (softphone) may be granted. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const audioOnly =
      permission === 'media' &&
      'mediaTypes' in details &&
      (details.mediaTypes ?? []).every((type: string) => type === 'audio');
    callback(audioOnly);
  });
  session.setPermissionCheckHandler((_contents, permission) => permission === 'media');
}

/** Navigation stays inside the app; allow-listed links open in the system browser; nothing else opens. */
export function guardNavigation(
  contents: WebContents,
  openExternal: (url: string) => void,
  devServerUrl?: string,
): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, devServerUrl)) return;
    event.preventDefault();
    if (isAllowedExternal(url)) openExternal(url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
