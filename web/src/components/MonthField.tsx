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
}

export function MonthField({ value, onChange, legend, id, class: extra }: Props) {
  const { lang, t } = useI18n();
  const { year, month } = splitPeriod(value);
  const years = yearChoices(value, new Date().getFullYear());
  return (
    <fieldset class={`month-field ${extra ?? ''}`} data-testid={id}>
      <legend>{legend}</legend>
      <label class="visually-hidden" for={`${id}-month`}>
        {t('monthField.month')}
      </label>
      <select
        id={`${id}-month`}
        data-testid={`${id}-month`}
        value={String(month)}
        onChange={(e) => onChange(joinPeriod(year, Number((e.currentTarget as HTMLSelectElement).value)))}
      >
        {monthNames(lang).map((name, i) => (
          <option key={name} value={String(i + 1)}>
            {name}
          </option>
        ))}
      </select>
      <label class="visually-hidden" for={`${id}-year`}>
        {t('monthField.year')}
      </label>
      <select
        id={`${id}-year`}
        data-testid={`${id}-year`}
        value={String(year)}
        onChange={(e) => onChange(joinPeriod(Number((e.currentTarget as HTMLSelectElement).value), month))}
      >
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
