import { v4 as uuidv4 } from 'uuid';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { tagHistoryWriter } from '../../electron/core/db/queries/tag-history-writes';

export interface RawChange {
  memberId: number;
  tagId: number;
  action: 'add' | 'remove';
  detail: string;
}

/**
 * The baseline: the same changes written the obvious way, one prepared statement per row for the
 * member tag, its history row and hour count and its outbox operation (a random UUID), in transactions of
 * `batch`, into a fresh replica holding just the members and tags they need.
 */
export function rawWriteSeconds(file: string, changes: () => Iterable<RawChange>, at: string, batch = 50_000): number {
  const db: Db = openDatabase(file);
  try {
    const member = db.prepare("INSERT OR IGNORE INTO members (id, line_user_id, display_name, updated_at) VALUES (?, ?, '', ?)");
    const tag = db.prepare("INSERT OR IGNORE INTO tags (id, name, updated_at) VALUES (?, ?, ?)");
    const existing = db.prepare("INSERT OR IGNORE INTO member_tags (member_id, tag_id, source, set_at) VALUES (?, ?, 'cloud', ?)");
    db.transaction(() => {
      for (const c of changes()) {
        member.run(c.memberId, `U${c.memberId}`, at);
        tag.run(c.tagId, `タグ${c.tagId}`, at);
        if (c.action === 'remove') existing.run(c.memberId, c.tagId, at);
      }
    })();
    const add = db.prepare("INSERT INTO member_tags (member_id, tag_id, source, source_detail, set_at) VALUES (?, ?, 'rule', ?, ?)");
    const remove = db.prepare('DELETE FROM member_tags WHERE member_id = ? AND tag_id = ?');
    const history = tagHistoryWriter(db);
    const outbox = db.prepare('INSERT INTO outbox (op_id, kind, payload, created_at) VALUES (?, ?, ?, ?)');
    const write = db.transaction((slice: RawChange[]) => {
      for (const c of slice) {
        if (c.action === 'add') add.run(c.memberId, c.tagId, c.detail, at);
        else remove.run(c.memberId, c.tagId);
        history({ memberId: c.memberId, tagId: c.tagId, action: c.action, source: 'rule', sourceDetail: c.detail, at });
        const payload = JSON.stringify({ memberId: c.memberId, tagId: c.tagId, source: 'rule', sourceDetail: c.detail });
        outbox.run(uuidv4(), c.action === 'add' ? 'memberTag.add' : 'memberTag.remove', payload, at);
      }
    });
    const started = performance.now();
    let slice: RawChange[] = [];
    for (const c of changes()) {
      slice.push(c);
      if (slice.length === batch) {
        write(slice);
        slice = [];
      }
    }
    write(slice);
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}
