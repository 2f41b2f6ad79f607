/**
 * Where secrets live (cart logins, tokens): never SQLite, logs or traces. The desktop shell fills
 * this with Electron safeStorage, the headless shell with an encrypted file vault; the core only
 * sees this port.
 */
export interface SecretStore {
  /** The value, or null when nothing is stored under the name. */
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** True when something was stored under the name and is now gone. */
  delete(name: string): Promise<boolean>;
  /** Every stored name, sorted; the values stay where they are. */
  names(): Promise<string[]>;
  /**
   * Which stored names can be read back here and which cannot (encrypted on another PC or
   * Windows profile), without any value; absent where a store can only read all or nothing.
   */
  inventory?(): Promise<SecretInventory>;
}

export interface SecretInventory {
  readable: string[];
  undecryptable: string[];
}
