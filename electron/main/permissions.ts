import { isAppUrl } from './app-url';

/**
 * The one thing the app's pages may ask of the desktop: notifications, so a clerk hears of a
 * request that newly needs a person while working in another window. Nothing else (camera,
 * USB, geolocation...) and nothing for a page of any other origin.
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}
