import type { CartDriver } from './cart-driver';

/** A cart login as the robot uses it; the password comes from the secret store, never SQLite. */
export interface CartLoginCredentials {
  ref: string;
  cart: 'ecforce';
  /** The admin site's origin, e.g. https://shop.ec-force.com. */
  baseUrl: string;
  email: string;
  password: string;
}

/**
 * Hands each robot worker a signed-in-capable driver for a cart login. Workers never share a
 * driver: each has its own browser context, so N workers are N sessions on the site.
 */
export interface DriverProvider {
  driverFor(worker: number, login: CartLoginCredentials): Promise<CartDriver>;
  close(): Promise<void>;
}
