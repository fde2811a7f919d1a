// The month of the verval page: the previous and next month as buttons and the month itself as
// words between them (MonthField: a month and a year list in the UI's language); the page's
// heading says the month in words too.

import { MonthField } from '../../components/MonthField';
import { formatMonth } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { shiftPeriod } from './logic';

export function MonthPicker({ period, onChange }: { period: string; onChange: (period: string) => void }) {
  const { lang, t } = useI18n();
  const previous = shiftPeriod(period, -1);
  const next = shiftPeriod(period, 1);
  return (
    <div class="verval-month" data-testid="month-picker">
      <button
        type="button"
        class="button button-secondary button-small"
        aria-label={t('verval.month.previous', { month: formatMonth(previous, lang) })}
        data-testid="month-previous"
        onClick={() => onChange(previous)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <MonthField id="verval-month" legend={t('verval.month.label')} value={period} onChange={(p) => p !== period && onChange(p)} />
      <button
        type="button"
        class="button button-secondary button-small"
        aria-label={t('verval.month.next', { month: formatMonth(next, lang) })}
        data-testid="month-next"
        onClick={() => onChange(next)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}
