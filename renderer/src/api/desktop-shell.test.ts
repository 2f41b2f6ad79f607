import { describe, expect, it } from 'vitest';
import { parseDesktopOpen } from './desktop-shell';

describe("what the desktop app's notifications open", () => {
  it('reads a request or the 手動対応 list, and nothing else', () => {
    expect(parseDesktopOpen('{"kind":"request","id":12}')).toEqual({ kind: 'request', id: 12 });
    expect(parseDesktopOpen('{"kind":"needs-person"}')).toEqual({ kind: 'needs-person' });
    for (const bad of ['{"kind":"request","id":0}', '{"kind":"request","id":"12"}', '{"kind":"robot"}', 'null', '{', '12']) expect(parseDesktopOpen(bad)).toBeNull();
  });
});
