import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './errors';
import { appendToMemo, isUsableMarker, memoHasMarker } from './marker';

describe('the TANTO marker', () => {
  it('matches only the whole marker', () => {
    expect(memoHasMarker('TANTO:req-1', 'TANTO:req-1')).toBe(true);
    expect(memoHasMarker('LINEクロスセル\nTANTO:req-1\n追記', 'TANTO:req-1')).toBe(true);
    expect(memoHasMarker('（TANTO:req-1）', 'TANTO:req-1')).toBe(true);
    expect(memoHasMarker('TANTO:req-10', 'TANTO:req-1')).toBe(false);
    expect(memoHasMarker('XTANTO:req-1', 'TANTO:req-1')).toBe(false);
    expect(memoHasMarker('TANTO:req-1.5', 'TANTO:req-1')).toBe(false);
    expect(memoHasMarker('TANTO:a+b', 'TANTO:a+b')).toBe(true);
  });

  it('refuses markers with spaces or none at all', () => {
    expect(isUsableMarker('TANTO:0f8c6e1a-2b')).toBe(true);
    expect(isUsableMarker('')).toBe(false);
    expect(isUsableMarker('TANTO: x')).toBe(false);
  });

  it('appends a memo line once, keeping what is there', () => {
    expect(appendToMemo('', '追記')).toBe('追記');
    expect(appendToMemo('既存', '追記')).toBe('既存\n追記');
    expect(appendToMemo('既存\n', '追記')).toBe('既存\n追記');
    expect(appendToMemo('既存\n追記', '追記')).toBeNull();
  });
});

describe('redaction', () => {
  it('removes a secret as typed and as forms and JSON encode it', () => {
    const redact = createRedactor(['p@ss word&ＰＷ"']);
    const encoded = new URLSearchParams({ x: 'p@ss word&ＰＷ"' }).toString().slice(2);
    expect(redact(`a p@ss word&ＰＷ" b ${encodeURIComponent('p@ss word&ＰＷ"')} ${encoded} ${JSON.stringify('p@ss word&ＰＷ"')}`)).toBe(
      `a ${REDACTED} b ${REDACTED} ${REDACTED} "${REDACTED}"`,
    );
  });
});
