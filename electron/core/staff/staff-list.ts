import type { Db } from '../db/open';

export interface StaffMember {
  id: number;
  name: string;
}

/** The longest name a clerk may give; the journal's staff field keeps the same bound. */
export const STAFF_NAME_MAX = 100;

/** Spaces as a shop types them (full-width, doubled, around the name) do not make a second person. */
export function normalStaffName(name: string): string {
  return name.replace(/[\s\u3000]+/g, ' ').trim();
}

export function listStaff(db: Db): StaffMember[] {
  return db.prepare('SELECT id, name FROM staff_members ORDER BY id').all() as StaffMember[];
}

/** Adding a name already on the list answers that entry, so a double click adds one person. */
export function addStaff(db: Db, name: string, at: string): StaffMember {
  const normal = normalStaffName(name);
  if (!normal || normal.length > STAFF_NAME_MAX) throw new RangeError(`A staff name has 1 to ${STAFF_NAME_MAX} characters.`);
  db.prepare('INSERT INTO staff_members (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING').run(normal, at);
  return db.prepare('SELECT id, name FROM staff_members WHERE name = ?').get(normal) as StaffMember;
}

/**
 * Taking a name off the list leaves what that person did as journaled: the journal keeps names,
 * not references to this list. Answers whether there was such an entry.
 */
export function removeStaff(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM staff_members WHERE id = ?').run(id).changes > 0;
}
