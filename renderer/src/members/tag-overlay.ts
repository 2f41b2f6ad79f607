import type { Member } from './member-types';

export interface ShownTag {
  tagId: number;
  name: string;
  /** 'set' is server state; 'adding' and 'removing' are waiting in the outbox for the cloud. */
  state: 'set' | 'adding' | 'removing';
  source: string | null;
  sourceDetail: string | null;
  setAt: string | null;
}

/**
 * Server state with the pending tag operations applied on top, in outbox order, so the last
 * operation on a tag decides what staff see. Rejected operations change nothing: the cloud
 * refused them, and they are listed apart with the reason.
 */
export function tagsWithPending(member: Pick<Member, 'tags' | 'pendingTagChanges'>): ShownTag[] {
  const shown = new Map<number, ShownTag>(
    member.tags.map((t) => [t.tagId, { tagId: t.tagId, name: t.name, state: 'set', source: t.source, sourceDetail: t.sourceDetail, setAt: t.setAt }]),
  );
  for (const change of member.pendingTagChanges) {
    if (change.state !== 'pending') continue;
    const current = shown.get(change.tagId);
    if (change.action === 'add') {
      if (current?.state === 'removing') current.state = 'set';
      else if (!current) {
        shown.set(change.tagId, {
          tagId: change.tagId,
          name: change.name ?? `#${change.tagId}`,
          state: 'adding',
          source: change.source,
          sourceDetail: change.sourceDetail,
          setAt: null,
        });
      }
    } else if (current?.state === 'adding') {
      shown.delete(change.tagId);
    } else if (current) {
      current.state = 'removing';
    }
  }
  return [...shown.values()].sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}
