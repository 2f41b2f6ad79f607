import { describe, expect, it } from 'vitest';
import { createOpenRelay } from './open-relay';

describe('opening what a notification names', () => {
  it('tells a loaded page at once, and keeps it for a page still loading until it asks, once', () => {
    const sent: string[] = [];
    const relay = createOpenRelay((text) => sent.push(text));
    relay.open({ kind: 'request', id: 12 }, true);
    expect(sent).toEqual(['{"kind":"request","id":12}']);
    expect(relay.take()).toBeNull();
    relay.open({ kind: 'needs-person' }, false);
    expect(sent).toHaveLength(1);
    expect(relay.take()).toBe('{"kind":"needs-person"}');
    expect(relay.take()).toBeNull();
  });

  it('only brings the window forward for a target that names nothing in it', () => {
    const sent: string[] = [];
    const relay = createOpenRelay((text) => sent.push(text));
    relay.open({ kind: 'window' }, false);
    relay.open({ kind: 'window' }, true);
    expect(sent).toEqual([]);
    expect(relay.take()).toBeNull();
  });
});
