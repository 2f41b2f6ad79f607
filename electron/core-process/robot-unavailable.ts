import { robotUnavailableReasons } from '../core/robot/unavailable';

/**
 * Why the desktop app runs no robot yet. The robot needs the cart login from a secret store;
 * on the desktop that is Electron's safeStorage, which only the main process can use and which
 * is not wired in yet. The core therefore gets no secrets port, and robot.start answers this;
 * the robot screen says it from its catalogs in the viewer's language.
 */
export const desktopRobotUnavailable = robotUnavailableReasons.desktop();

/** Its text, as robot.start answers it. */
export const DESKTOP_ROBOT_UNAVAILABLE = desktopRobotUnavailable.text;
