import { describe, expect, it } from 'vitest';
import { catalogs, languages } from '../i18n/catalogs';
import { journalEvents } from './journal-events';

type Tree = { [key: string]: string | Tree };

/** The journal names each change in the shop's words, never by its id. */
describe('the journal names every change', () => {
  for (const lng of languages) {
    it(lng, () => {
      const events = ((catalogs[lng] as unknown as Tree).detail as Tree).events as Record<string, string>;
      expect(Object.keys(events).sort()).toEqual([...journalEvents].sort());
      for (const event of journalEvents) {
        expect(events[event]?.trim(), event).toBeTruthy();
        expect(events[event], event).not.toBe(event);
      }
    });
  }

  it('says a repeat tap was not ordered and is left for staff', () => {
    const events = ((catalogs.ja as unknown as Tree).detail as Tree).events as Record<string, string>;
    expect(events.repeat).toBe('重複のため注文せず、スタッフの対応待ちにしました');
  });
});
