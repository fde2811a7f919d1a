// The month of the verval page: the previous and next month as buttons and the browser's month
// field ("2025-10") between them, labelled; the page's heading says the month in words.

import { useEffect, useState } from 'preact/hooks';
import { formatMonth } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { isPeriod, shiftPeriod } from './logic';

export function MonthPicker({ period, onChange }: { period: string; onChange: (period: string) => void }) {
  const { lang, t } = useI18n();
  // What the field holds while someone types in it; only a whole month changes the page.
  const [draft, setDraft] = useState(period);
  useEffect(() => setDraft(period), [period]);
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
      <label class="verval-month-field">
        <span>{t('verval.month.label')}</span>
        <input
          type="month"
          value={draft}
          data-testid="month-input"
          onInput={(e) => {
            const value = (e.currentTarget as HTMLInputElement).value;
            setDraft(value);
            if (isPeriod(value) && value !== period) onChange(value);
          }}
        />
      </label>
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
