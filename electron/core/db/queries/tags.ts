import type { Db } from '../open';

export interface TagSummary {
  id: number;
  name: string;
  folder: string | null;
  /** Members holding the tag as the cloud last sent it (pending hand changes not counted). */
  memberCount: number;
  /** Auto-setting rules that add or remove this tag. */
  ruleCount: number;
}

/** Each count is one range of an index (member_tags_tag, tag_rules_tag), so the list stays quick at a million members. */
export function listTags(db: Db): TagSummary[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.folder,
              (SELECT count(*) FROM member_tags mt WHERE mt.tag_id = t.id) AS memberCount,
              (SELECT count(*) FROM tag_rules r WHERE r.tag_id = t.id) AS ruleCount
       FROM tags t ORDER BY t.name`,
    )
    .all() as TagSummary[];
}
