// A date chosen in the UI's own words, like MonthField: a day, a month (Januari … Desember) and a
// year list under a visible legend, so that "15 Oktober 2025" is chosen as it is read. The
// browser's <input type=date> speaks the browser's language and order, not the UI's. A day past
// the end of a newly chosen month becomes that month's last day (lib/period.ts joinDate).

import { monthNames } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { daysInMonth, joinDate, splitDate, yearChoices } from '../lib/period';
import { PartSelect } from './MonthField';

interface Props {
  /** The chosen date, "YYYY-MM-DD". */
  value: string;
  onChange: (date: string) => void;
  legend: string;
  /** Prefix of the selects' ids and test ids: `${id}-day`, `${id}-month`, `${id}-year`. */
  id: string;
  invalid?: boolean;
  describedBy?: string;
  /** Years offered before this year (default 6, as MonthField). */
  back?: number;
  class?: string;
}

export function DateField({ value, onChange, legend, id, invalid, describedBy, back, class: extra }: Props) {
  const { lang, t } = useI18n();
  const { year, month, day } = splitDate(value);
  const years = yearChoices(value.slice(0, 7), new Date().getFullYear(), back);
  const days = Array.from({ length: daysInMonth(year, month) }, (_, i) => i + 1);
  const common = { 'aria-invalid': invalid ? ('true' as const) : undefined, 'aria-describedby': describedBy };
  const months = monthNames(lang).map((name, i) => ({ value: i + 1, label: name }));
  return (
    <fieldset class={`month-field date-field ${extra ?? ''}`} data-testid={id}>
      <legend>{legend}</legend>
      <PartSelect id={`${id}-day`} label={t('dateField.day')} value={day} choices={days.map((d) => ({ value: d, label: String(d) }))}
        {...common} onChange={(d) => onChange(joinDate(year, month, d))} />
      <PartSelect id={`${id}-month`} label={t('monthField.month')} value={month} choices={months} {...common}
        onChange={(m) => onChange(joinDate(year, m, day))} />
      <PartSelect id={`${id}-year`} label={t('monthField.year')} value={year} choices={years.map((y) => ({ value: y, label: String(y) }))}
        {...common} onChange={(y) => onChange(joinDate(y, month, day))} />
    </fieldset>
  );
}
