import type { Migration } from '../migrate';

/**
 * The screens lay this workstation's unsent operations over server state on every read
 * (design §2). While the cloud is unreachable the outbox grows with every tag a rule sets, so a
 * night offline after a rule change leaves hundreds of thousands of tag operations in it; a
 * member page or the LOC list that scanned them all would wait seconds. Each reader gets a
 * partial index over only the operations it lays on top; the WHERE clauses repeat the readers'
 * own terms word for word, which is what lets SQLite use them.
 */
export const outboxIndexes: Migration = {
  version: 25,
  name: 'outbox-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX outbox_member_tag ON outbox(json_extract(payload, '$.memberId'), seq)
        WHERE kind IN ('memberTag.add', 'memberTag.remove');
      CREATE INDEX outbox_pending_loc ON outbox(seq)
        WHERE state = 'pending' AND kind IN ('loc.setStatus', 'loc.reopen', 'robot.runResult');
      CREATE INDEX outbox_pending_usage ON outbox(seq)
        WHERE kind = 'usage.increment' AND state = 'pending';
    `);
  },
};
