import type { TagRule } from './rule-schema';

/**
 * Rules apply in the order they were created (seed 002: タグの自動設定を設定した順), ties broken by
 * id. createdAt is compared as an instant, so stamps with different offsets still order correctly.
 */
export function inCreationOrder<R extends Pick<TagRule, 'id' | 'createdAt'>>(rules: readonly R[]): R[] {
  return [...rules].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
}
