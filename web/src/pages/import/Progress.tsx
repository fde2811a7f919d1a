// A labelled progress bar: the native <progress> (screen readers know it), a percentage when the
// total is known, and the amount done in words ("12,4 MB dari 20,0 MB", "4.000 dari 10.000 baris").

import { formatNumber, formatPercent, type Lang } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { progressFraction } from './logic';

export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lang)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(mb)} MB`;
}

interface Props {
  label: string;
  progress: { done: number; total: number } | null | undefined;
  unit: 'bytes' | 'rows';
  testid?: string;
}

export function JobProgress({ label, progress, unit, testid = 'progress' }: Props) {
  const { lang, t } = useI18n();
  const fraction = progressFraction(progress);
  const amount = (n: number) => (unit === 'bytes' ? formatBytes(n, lang) : formatNumber(n, lang));
  let detail = '';
  if (progress && progress.total > 0) {
    detail = t(unit === 'bytes' ? 'import.progress.ofBytes' : 'import.progress.ofRows', {
      done: amount(progress.done),
      total: amount(progress.total),
    });
  } else if (progress && progress.done > 0) {
    detail = t(unit === 'bytes' ? 'import.progress.bytes' : 'import.progress.rows', { done: amount(progress.done) });
  }
  return (
    <div class="import-progress" data-testid={testid}>
      <div class="import-progress-label">
        <span id={`${testid}-label`}>{label}</span>
        {fraction !== null && <span class="import-progress-percent">{formatPercent(fraction, lang)}</span>}
      </div>
      {fraction !== null ? (
        <progress max={1} value={fraction} aria-labelledby={`${testid}-label`} />
      ) : (
        <progress aria-labelledby={`${testid}-label`} />
      )}
      <p class="import-progress-detail" aria-live="polite">
        {detail}
      </p>
    </div>
  );
}
