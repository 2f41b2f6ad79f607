import { describe, expect, it } from 'vitest';
import { heldMessage } from './held-by';

describe('the refusal of a request a robot holds', () => {
  const held = { holder: 'pc-b', since: '2026-11-23T15:30:00.000Z', here: false };

  it("says since when in the shop's time zone, named", () => {
    expect(heldMessage(7, held, 'Asia/Taipei')).toContain('が 2026/11/23 23:30（台湾時間） から処理中');
    expect(heldMessage(7, held, 'Asia/Tokyo')).toContain('が 2026/11/24 00:30（日本時間） から処理中');
    expect(heldMessage(7, held)).toContain('2026/11/24 00:30（日本時間）');
  });
});
