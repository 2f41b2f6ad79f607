/**
 * What the app's pages may ask of the desktop: nothing (camera, USB, geolocation...), and for a
 * page of any other origin nothing either. Not even notifications: in the desktop app the main
 * process shows them (notice-decider.ts), with the robot's stops and a click that opens the
 * window, and a page's own would tell the clerk of each request twice.
 */
export function permissionAllowed(_permission: string, _requestingUrl: string | undefined): boolean {
  return false;
}
