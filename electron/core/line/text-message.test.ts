import { describe, expect, it } from 'vitest';
import { LineError } from './errors';
import { LINE_TEXT_MAX_UTF16_UNITS, textMessage, utf16Length } from './text-message';

describe('textMessage', () => {
  it('builds a LINE text message', () => {
    expect(textMessage('ご注文ありがとうございます')).toEqual({ type: 'text', text: 'ご注文ありがとうございます' });
  });

  it('counts an emoji outside the BMP as two units and a BMP symbol as one', () => {
    expect(utf16Length('😀')).toBe(2);
    expect(utf16Length('☎')).toBe(1);
    expect(utf16Length('👨‍👩‍👧')).toBe(8);
  });

  it('accepts exactly 5,000 units and refuses 5,001 as a permanent error', () => {
    expect(textMessage(`${'あ'.repeat(4_998)}😀`).text).toHaveLength(LINE_TEXT_MAX_UTF16_UNITS);
    const over = `${'あ'.repeat(4_999)}😀`;
    expect(() => textMessage(over)).toThrow(LineError);
    try {
      textMessage(over);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'permanent', reason: 'invalid_message' });
      expect((error as Error).message).toContain('5001');
    }
  });

  it('refuses an empty text', () => {
    expect(() => textMessage('')).toThrow(/empty/);
  });
});
