// Riwayat impor: every import of the regency, newest first, with its counts and how many of its
// quarantined rows still wait for a correction.

import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { listImportBatches, type ImportBatch } from '../../lib/importApi';
import { localDateTime, newCount } from './logic';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: ImportBatch[] };

interface Props {
  regencyCode: string;
  onOpenQuarantine: (batchId: number) => void;
}

export function HistoryView({ regencyCode, onOpenQuarantine }: Props) {
  const { lang, t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    listImportBatches(regencyCode, controller.signal)
      .then((items) => setLoad({ state: 'ready', items }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, attempt]);

  const when = (iso: string) => {
    const local = localDateTime(iso);
    return local ? `${formatDate(local.date, lang)}, ${local.time}` : iso;
  };

  return (
    <section class="import-step" aria-labelledby="import-view-title" data-testid="history">
      <h2 id="import-view-title" tabIndex={-1}>
        {t('import.history.title')}
      </h2>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && load.items.length === 0 && (
        <div class="state" data-testid="history-empty">
          {t('import.history.empty')}
        </div>
      )}
      {load.state === 'ready' && load.items.length > 0 && (
        <div class="table-scroll">
          <table class="data-table" data-testid="batches">
            <caption class="visually-hidden">{t('import.history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.history.when')}</th>
                <th scope="col">{t('import.history.source')}</th>
                <th scope="col">{t('import.history.file')}</th>
                <th scope="col" class="num">{t('import.history.read')}</th>
                <th scope="col" class="num">{t('import.count.new')}</th>
                <th scope="col" class="num">{t('import.count.updated')}</th>
                <th scope="col" class="num">{t('import.count.unchanged')}</th>
                <th scope="col" class="num">{t('import.count.quarantined')}</th>
                <th scope="col">{t('import.history.openQuarantine')}</th>
              </tr>
            </thead>
            <tbody>
              {load.items.map((batch) => (
                <tr key={batch.id} data-testid="batch-row" data-batch={batch.id}>
                  <td>
                    {when(batch.created_at)}
                    <span class="import-muted"> · {batch.actor}</span>
                  </td>
                  <th scope="row">
                    {batch.source}
                    <span class="import-muted">
                      {' '}
                      · {batch.source_kind === 'village' ? t('import.kind.village') : t('import.kind.office')}
                    </span>
                  </th>
                  <td class="import-file-name">{batch.file_name}</td>
                  <td class="num">{formatNumber(batch.read, lang)}</td>
                  <td class="num">{formatNumber(newCount(batch), lang)}</td>
                  <td class="num">{formatNumber(batch.updated, lang)}</td>
                  <td class="num">{formatNumber(batch.unchanged, lang)}</td>
                  <td class="num">{formatNumber(batch.quarantined, lang)}</td>
                  <td>
                    {batch.open_quarantine > 0 ? (
                      <button
                        type="button"
                        class="button button-small"
                        data-testid="batch-open-quarantine"
                        onClick={() => onOpenQuarantine(batch.id)}
                      >
                        {t('import.history.fixRows', { count: formatNumber(batch.open_quarantine, lang) })}
                      </button>
                    ) : (
                      <span class="import-tag import-tag-ok">{t('import.history.nothingOpen')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
