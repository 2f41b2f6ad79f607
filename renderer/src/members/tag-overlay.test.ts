import { describe, expect, it } from 'vitest';
import { tagsWithPending } from './tag-overlay';

const at = '2026-11-01T00:00:00.000Z';
const server = [{ tagId: 1, name: 'VIP', source: 'rule', sourceDetail: 'ルール#1', setAt: at }];
const change = (tagId: number, action: 'add' | 'remove', state: 'pending' | 'rejected' = 'pending') => ({
  opId: `op-${tagId}-${action}`,
  tagId,
  name: tagId === 1 ? 'VIP' : '新規',
  action,
  state,
  reason: state === 'rejected' ? 'unknown tag' : null,
  code: state === 'rejected' ? 'not_found' : null,
  source: 'manual',
  sourceDetail: '田中',
  createdAt: at,
});

describe('tagsWithPending', () => {
  it('shows server tags as set', () => {
    expect(tagsWithPending({ tags: server, pendingTagChanges: [] }).map((t) => [t.tagId, t.state])).toEqual([[1, 'set']]);
  });

  it('adds a pending tag as adding and marks a pending removal as removing', () => {
    const shown = tagsWithPending({ tags: server, pendingTagChanges: [change(2, 'add'), change(1, 'remove')] });
    expect(shown.map((t) => [t.tagId, t.state])).toEqual([
      [1, 'removing'],
      [2, 'adding'],
    ]);
    expect(shown[1]).toMatchObject({ source: 'manual', sourceDetail: '田中', setAt: null });
  });

  it('lets the last operation on a tag win', () => {
    expect(tagsWithPending({ tags: server, pendingTagChanges: [change(2, 'add'), change(2, 'remove')] }).map((t) => t.tagId)).toEqual([1]);
    expect(tagsWithPending({ tags: server, pendingTagChanges: [change(1, 'remove'), change(1, 'add')] }).map((t) => t.state)).toEqual(['set']);
  });

  it('ignores operations the cloud rejected', () => {
    const shown = tagsWithPending({ tags: server, pendingTagChanges: [change(2, 'add', 'rejected'), change(1, 'remove', 'rejected')] });
    expect(shown.map((t) => [t.tagId, t.state])).toEqual([[1, 'set']]);
  });
});
