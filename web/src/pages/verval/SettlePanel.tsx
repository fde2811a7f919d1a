// 4. Settling the month: once no undecided blocking finding remains, the verifier freezes the
// month's list ("Tetapkan daftar bulan ini", after a confirmation); then the berita acara (PDF)
// and the findings with their decisions (.xlsx) can be downloaded. A settled month shows its
// version, persons and flows (start, added, removed by reason, end).

import { useState } from 'preact/hooks';
import { formatDateTime, formatMonth, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { findingsXlsxUrl, minutesUrl, settleMonth, type VervalOverview } from '../../lib/vervalApi';
import { ConfirmDialog } from './ConfirmDialog';
import { failureText, reasonKey } from './logic';

interface Props {
  regencyCode: string;
  overview: VervalOverview;
  canSettle: boolean;
  canExport: boolean;
  running: boolean;
  onChanged: () => void;
}

export function SettlePanel({ regencyCode, overview, canSettle, canExport, running, onChanged }: Props) {
  const { lang, t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const settled = overview.settled;
  const month = formatMonth(overview.period, lang);
  const n = (v: number) => formatNumber(v, lang);

  let blocker = '';
  if (!overview.run) blocker = t('verval.settle.needRun');
  else if (running) blocker = t('verval.settle.running');
  else if (overview.open_blocking > 0) blocker = t('verval.settle.blocked', { count: n(overview.open_blocking) });
  const ready = blocker === '';

  async function settle() {
    setBusy(true);
    setError('');
    try {
      await settleMonth(regencyCode, overview.period);
      setConfirming(false);
      onChanged();
    } catch (caught) {
      setError(failureText(caught, t('state.network')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="verval-panel" aria-labelledby="settle-title" data-testid="settle">
      <h3 id="settle-title">{t('verval.settle.title')}</h3>
      {settled ? (
        <div data-testid="settled" data-version={settled.version}>
          <p class="notice">
            {t('verval.settle.done', {
              month,
              version: n(settled.version),
              when: formatDateTime(settled.settled_at, lang),
              actor: settled.actor,
              persons: n(settled.persons),
            })}
          </p>
          <dl class="verval-flows">
            <div>
              <dt>{t('verval.flow.start')}</dt>
              <dd>{n(settled.counts.start ?? 0)}</dd>
            </div>
            <div>
              <dt>{t('verval.flow.added')}</dt>
              <dd>{n(settled.counts.added ?? 0)}</dd>
            </div>
            {Object.entries(settled.counts.removed ?? {}).map(([reason, count]) => {
              const key = reasonKey(reason);
              return (
                <div key={reason}>
                  <dt>{t('verval.flow.removedBy', { reason: key ? t(key) : reason })}</dt>
                  <dd>{n(count)}</dd>
                </div>
              );
            })}
            <div>
              <dt>{t('verval.flow.end')}</dt>
              <dd>{n(settled.counts.end ?? settled.persons)}</dd>
            </div>
          </dl>
          <p class="verval-downloads">
            <a class="button button-secondary" href={minutesUrl(regencyCode, overview.period)} download data-testid="download-minutes">
              {t('verval.settle.minutes')}
            </a>
            {canExport && (
              <a class="button button-secondary" href={findingsXlsxUrl(regencyCode, overview.period)} download data-testid="download-findings">
                {t('verval.settle.findings')}
              </a>
            )}
          </p>
        </div>
      ) : (
        <p>{t('verval.settle.intro', { month })}</p>
      )}
      {canSettle && (
        <div class="verval-run-actions">
          <button
            type="button"
            class="button"
            disabled={!ready}
            aria-describedby="settle-blocker"
            data-testid="settle-start"
            onClick={() => {
              setError('');
              setConfirming(true);
            }}
          >
            {settled ? t('verval.settle.again', { version: n(settled.version + 1) }) : t('verval.settle.button')}
          </button>
          <p id="settle-blocker" class="hint" data-testid="settle-blocker">
            {blocker}
          </p>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          id="settle-dialog"
          title={t('verval.settle.confirmTitle', { month })}
          confirmLabel={t('verval.settle.confirm')}
          busy={busy}
          error={error}
          onConfirm={settle}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('verval.settle.confirmText')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
