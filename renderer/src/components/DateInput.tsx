import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './date-input.css';

/**
 * A date typed as 2026/12/04 (or 2026-12-04, 20261204, full-width digits) or picked from a
 * calendar in the UI's language. Chromium's own <input type=date> shows mm/dd/yyyy or dd/mm/yyyy
 * by the browser's locale whatever language the screen is in, and a shop PC's locale is not the
 * staff's choice; a text field with this one form and a small month grid is less to carry than a
 * date-picker library and its date library for two filters.
 *
 * The value in and out is `YYYY-MM-DD` (what the filters already hold), '' for none. A form that
 * checks the value itself says so with `invalid` and the id of its message in `describedBy`.
 */
export function DateInput(props: { name: string; value: string; onChange: (day: string) => void; label: string; invalid?: boolean | undefined; describedBy?: string | undefined }) {
  const { name, value, onChange, label } = props;
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(display(value));
  const [invalid, setInvalid] = useState(false);
  const [open, setOpen] = useState(false);
  const [month, setMonth] = useState(() => monthOf(value));
  const errorId = useId();
  useEffect(() => {
    setText(display(value));
    setInvalid(false);
  }, [value]);

  const commit = () => {
    const day = parseDay(text);
    if (day === undefined) return setInvalid(true);
    setInvalid(false);
    setText(display(day));
    if (day !== value) onChange(day);
  };
  const pick = (day: string) => {
    setOpen(false);
    onChange(day);
  };

  return (
    <span className="date-input">
      <span className="date-input-field">
        <input
          type="text"
          name={name}
          inputMode="numeric"
          autoComplete="off"
          aria-label={label}
          aria-invalid={invalid || props.invalid === true}
          aria-describedby={invalid ? errorId : props.describedBy}
          placeholder={t('shopTime.dateInput.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setOpen(false);
          }}
        />
        <button
          type="button"
          className="date-input-open"
          aria-label={t('shopTime.dateInput.open')}
          aria-expanded={open}
          onClick={() => {
            setMonth(monthOf(parseDay(text) || value));
            setOpen(!open);
          }}
        />
      </span>
      {invalid && (
        <span className="date-input-error" id={errorId} role="alert">
          {t('shopTime.dateInput.invalid')}
        </span>
      )}
      {open && <MonthGrid month={month} selected={value} language={i18n.language} onMonth={setMonth} onPick={pick} onClose={() => setOpen(false)} />}
    </span>
  );
}

function MonthGrid(props: { month: string; selected: string; language: string; onMonth: (m: string) => void; onPick: (day: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [year, monthNo] = props.month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, monthNo - 1, 1));
  const days = new Date(Date.UTC(year, monthNo, 0)).getUTCDate();
  const heading = new Intl.DateTimeFormat(props.language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(first);
  const weekday = new Intl.DateTimeFormat(props.language, { weekday: 'narrow', timeZone: 'UTC' });
  // 2026-11-01 was a Sunday: the week's headers are the seven days from it.
  const weekdays = Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2026, 10, 1 + i))));
  const shift = (by: number) => props.onMonth(monthKey(new Date(Date.UTC(year, monthNo - 1 + by, 1))));
  return (
    <div className="date-grid" role="dialog" aria-label={heading} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <div className="date-grid-head">
        <button type="button" aria-label={t('shopTime.dateInput.previousMonth')} onClick={() => shift(-1)}>
          ‹
        </button>
        <span>{heading}</span>
        <button type="button" aria-label={t('shopTime.dateInput.nextMonth')} onClick={() => shift(1)}>
          ›
        </button>
      </div>
      <table>
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={i} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks(first.getUTCDay(), days).map((week, w) => (
            <tr key={w}>
              {week.map((d, i) => {
                if (d === null) return <td key={i} />;
                const day = `${props.month}-${String(d).padStart(2, '0')}`;
                return (
                  <td key={i}>
                    <button type="button" data-day={day} aria-pressed={day === props.selected} onClick={() => props.onPick(day)}>
                      {d}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {props.selected && (
        <button type="button" className="date-grid-clear" onClick={() => props.onPick('')}>
          {t('shopTime.dateInput.clear')}
        </button>
      )}
    </div>
  );
}

function weeks(startDay: number, days: number): Array<Array<number | null>> {
  const cells: Array<number | null> = [...Array<null>(startDay).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

function display(day: string): string {
  return day.replaceAll('-', '/');
}

function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthOf(day: string | undefined): string {
  return day ? day.slice(0, 7) : monthKey(new Date());
}

/** `YYYY-MM-DD` for what staff typed, '' for nothing, undefined for something that is not a calendar date. */
export function parseDay(typed: string): string | undefined {
  const text = typed.normalize('NFKC').trim();
  if (!text) return '';
  const match = /^(\d{4})[/\-.年]?(\d{1,2})[/\-.月]?(\d{1,2})日?$/u.exec(text);
  if (!match || (!/[/\-.年]/u.test(text) && text.length !== 8)) return undefined;
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
