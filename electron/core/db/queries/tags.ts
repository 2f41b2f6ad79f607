import type { Db } from '../open';

export interface TagSummary {
  id: number;
  name: string;
  folder: string | null;
  memberCount: number;
}

export function listTags(db: Db): TagSummary[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.folder, (SELECT count(*) FROM member_tags mt WHERE mt.tag_id = t.id) AS memberCount
       FROM tags t ORDER BY t.name`,
    )
    .all() as TagSummary[];
}
