/**
 * What every web contents and the session may do: the console stays on the console's own pages,
 * links open in the operator's browser (https only), new windows, webviews and device access are
 * refused. The rules themselves are in web-policy.ts; this applies them to Electron's objects.
 */
import { shell, type Session, type WebContents } from 'electron';
import type { Logger } from './server/logger.js';
import { externalLinkTarget, isPermissionAllowed, isWithinConsole, type ConsoleScope } from './web-policy.js';

/** Where the console may navigate: null until the server (or the dev server) is known, and then nothing is. */
export type ScopeReader = () => ConsoleScope | null;

/** Hands a link to the operator's browser if the link policy allows it. */
function openExternally(url: string, logger: Logger): void {
  const target = externalLinkTarget(url);
  if (!target) {
    logger.warn({ url }, 'blocked a link the console tried to open');
    return;
  }
  shell.openExternal(target).catch((error: unknown) => logger.warn({ err: error, url: target }, 'could not open a link in the browser'));
}

/** Applied to every web contents the app creates (the console window, DevTools, anything else). */
export function hardenWebContents(contents: WebContents, scope: ScopeReader, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, logger);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isWithinConsole(event.url, scope())) return;
    event.preventDefault();
    openExternally(event.url, logger);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isWithinConsole(event.url, scope())) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isWithinConsole(event.url, scope())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function lockDownSession(target: Session, scope: ScopeReader): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, scope()));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, scope()));
  target.setDevicePermissionHandler(() => false);
}
