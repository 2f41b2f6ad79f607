import { describe, expect, it } from 'vitest';
import { emptyTagFilter, tagFilterArgs, withoutTag, withTag } from './tag-filter-value';

describe('the member list tag filter', () => {
  it('keeps a tag in one group: choosing it for another moves it', () => {
    const f = withTag(withTag(emptyTagFilter, 'all', 1), 'none', 2);
    expect(f).toEqual({ all: [1], any: [], none: [2] });
    expect(withTag(f, 'any', 1)).toEqual({ all: [], any: [1], none: [2] });
    expect(withoutTag(f, 2)).toEqual({ all: [1], any: [], none: [] });
  });

  it('sends only the groups chosen, and nothing when none is', () => {
    expect(tagFilterArgs(emptyTagFilter)).toBeUndefined();
    expect(tagFilterArgs({ all: [1], any: [], none: [3, 4] })).toEqual({ all: [1], none: [3, 4] });
  });
});
