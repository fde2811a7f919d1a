// A month chosen in the UI's own words: a month <select> with the month names of the UI language
// (Januari … Desember, or January … December) and a year <select>, grouped under a visible
// legend. The browser's <input type=month> is not used: it speaks the browser's language, not
// the UI's ("December 2026" under an English browser while the page is Indonesian).
// Native selects bring keyboard use (arrows, typing the first letters) and screen-reader
// labels; every choice of a month or a year is a whole month, passed to onChange at once.

import { monthNames } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { joinPeriod, splitPeriod, yearChoices } from '../lib/period';

interface Props {
  /** The chosen month, "YYYY-MM". */
  value: string;
  onChange: (period: string) => void;
  /** The group's visible name ("Bulan verval"). */
  legend: string;
  /** Prefix of the selects' ids and test ids: `${id}-month`, `${id}-year`. */
  id: string;
  class?: string;
  /** Marks both lists invalid (a form's error about the month). */
  invalid?: boolean;
  /** Ids of the hint or error that describe the month. */
  describedBy?: string;
}

export function MonthField({ value, onChange, legend, id, class: extra, invalid, describedBy }: Props) {
  const { lang, t } = useI18n();
  const { year, month } = splitPeriod(value);
  const years = yearChoices(value, new Date().getFullYear());
  const common = { 'aria-invalid': invalid ? ('true' as const) : undefined, 'aria-describedby': describedBy };
  const months = monthNames(lang).map((name, i) => ({ value: i + 1, label: name }));
  return (
    <fieldset class={`month-field ${extra ?? ''}`} data-testid={id}>
      <legend>{legend}</legend>
      <PartSelect id={`${id}-month`} label={t('monthField.month')} value={month} choices={months} {...common}
        onChange={(m) => onChange(joinPeriod(year, m))} />
      <PartSelect id={`${id}-year`} label={t('monthField.year')} value={year} choices={years.map((y) => ({ value: y, label: String(y) }))}
        {...common} onChange={(y) => onChange(joinPeriod(y, month))} />
    </fieldset>
  );
}

interface PartProps {
  id: string;
  /** The part's name for screen readers ("Bulan"); the group's legend is the visible label. */
  label: string;
  value: number;
  choices: { value: number; label: string }[];
  onChange: (value: number) => void;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

/** One part of a month or date (day, month, year) as a native list; test id = id. Also for DateField. */
export function PartSelect({ id, label, value, choices, onChange, ...aria }: PartProps) {
  return (
    <>
      <label class="visually-hidden" for={id}>
        {label}
      </label>
      <select
        id={id}
        data-testid={id}
        value={String(value)}
        {...aria}
        onChange={(e) => onChange(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {choices.map((c) => (
          <option key={c.value} value={String(c.value)}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}
