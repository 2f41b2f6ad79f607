import type { Db } from '../../db/open';
import { inCreationOrder } from '../rules/rule-order';
import type { RuleCondition, TagRule } from '../rules/rule-schema';

/** A saved rule with the name of the tag it acts on, for lists and editors. */
export interface TagRuleView extends TagRule {
  /** Null only in the moment between a tag's delete and the rule's (the cascade removes the rule). */
  tagName: string | null;
}

interface TagRuleRow {
  id: number;
  name: string;
  tagId: number;
  tagName: string | null;
  action: TagRule['action'];
  match: TagRule['match'];
  groups: string;
  enabled: number;
  createdAt: string;
  updatedAt: string;
}

const select = `
  SELECT r.id, r.name, r.tag_id AS tagId, t.name AS tagName, r.action, r.match, r.groups, r.enabled,
         r.created_at AS createdAt, r.updated_at AS updatedAt
  FROM tag_rules r LEFT JOIN tags t ON t.id = r.tag_id`;

/** Every rule in evaluation order, as the engine orders them: creation time as an instant, then id. */
export function listTagRules(db: Db): TagRuleView[] {
  return inCreationOrder((db.prepare(select).all() as TagRuleRow[]).map(fromRow));
}

export function getTagRule(db: Db, id: number): TagRuleView | undefined {
  const row = db.prepare(`${select} WHERE r.id = ?`).get(id) as TagRuleRow | undefined;
  return row && fromRow(row);
}

function fromRow(row: TagRuleRow): TagRuleView {
  return {
    id: row.id,
    name: row.name,
    tagId: row.tagId,
    tagName: row.tagName,
    action: row.action,
    match: row.match,
    // Written by the pull side only after the rule passed the feed's check of its conditions.
    groups: JSON.parse(row.groups) as RuleCondition[][],
    enabled: row.enabled === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
