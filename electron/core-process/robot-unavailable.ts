/**
 * Why the desktop app runs no robot yet. The robot needs the cart login from a secret store;
 * on the desktop that is Electron's safeStorage, which only the main process can use and which
 * is not wired in yet. The core therefore gets no secrets port, and robot.start answers this.
 */
export const DESKTOP_ROBOT_UNAVAILABLE =
  'このデスクトップ版ではロボットをまだ使えません。ロボットはヘッドレス版 (`npm run serve -- --robot`) で動かしてください ' +
  '(the desktop app has no secret store yet, so it cannot hold the cart login; run the robot with the headless shell)';
