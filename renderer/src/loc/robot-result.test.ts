import { describe, expect, it } from 'vitest';
import { robotResultMessage } from './robot-result';

describe('robotResultMessage', () => {
  it("reads the message out of the cloud's robot result", () => {
    const stored = JSON.stringify({ outcome: 'needs_manual', message: '商品コード NOPE-404 がありません', reportedAt: '2026-11-23T10:00:00Z' });
    expect(robotResultMessage(stored)).toBe('商品コード NOPE-404 がありません');
  });

  it('is empty for a result without a message and shows plain text as it is', () => {
    expect(robotResultMessage(JSON.stringify({ outcome: 'done', message: null }))).toBe('');
    expect(robotResultMessage('完了')).toBe('完了');
    expect(robotResultMessage(null)).toBe('');
  });
});
