/**
 * What a driver has learnt about the site in this session, so later flows can go straight to a
 * page instead of clicking their way there again. Everything here came from the site's own
 * pages, and every page reached with it is verified as if reached by clicking, so a stale
 * entry costs a detour or an application error, never a wrong change.
 */
export interface ScreenMemory {
  /** GET search forms by screen, as the browser submitted them. */
  searches: BoundedMap<string, LearnedSearch>;
  /** 注文画面へ of a customer (by 顧客番号), as linked from 受注作成's search results. */
  orderForms: BoundedMap<string, string>;
  /** 受注番号 → the order's ID. */
  orderIds: BoundedMap<string, string>;
  /** 定期受注番号 → the subscription's ID. */
  subscriptionIds: BoundedMap<string, string>;
}

export interface LearnedSearch {
  /** The form's action, absolute. */
  action: string;
  /** Every field the form submits, in order, as submitted the first time. */
  entries: Array<[string, string]>;
  /** The submitted name of each field the robot fills, by its label. */
  names: Record<string, string>;
}

const MAX_ENTRIES = 2_000;

/** A Map that forgets its oldest entries past a size, so months of running stay small. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max = MAX_ENTRIES) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }
}

export function createScreenMemory(): ScreenMemory {
  return { searches: new BoundedMap(50), orderForms: new BoundedMap(), orderIds: new BoundedMap(), subscriptionIds: new BoundedMap() };
}

/** The address the form would submit to with these values in the labelled fields. */
export function searchAddress(learned: LearnedSearch, values: Record<string, string>): string {
  const entries = learned.entries.map(([name, value]): [string, string] => {
    const label = Object.keys(learned.names).find((l) => learned.names[l] === name);
    return [name, label === undefined ? value : (values[label] ?? '')];
  });
  const url = new URL(learned.action);
  url.search = new URLSearchParams(entries).toString();
  return url.toString();
}

/** True when two addresses name the same path and the same fields in the same order. */
export function sameAddress(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.origin === y.origin && x.pathname === y.pathname && x.searchParams.toString() === y.searchParams.toString();
}
