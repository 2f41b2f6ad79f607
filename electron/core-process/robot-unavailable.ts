import { robotUnavailableReasons } from '../core/robot/unavailable';

/**
 * Why the desktop app runs no robot: it needs the LINE channel token, which staff enter on the
 * connection banner and the main process keeps in safeStorage. The robot screen says it from its
 * catalogs in the viewer's language.
 */
export const desktopLineTokenMissing = robotUnavailableReasons.desktopLineTokenMissing();

/** Its text, as robot.start answers it. */
export const DESKTOP_LINE_TOKEN_MISSING = desktopLineTokenMissing.text;
