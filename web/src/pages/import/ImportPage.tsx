// /impor: bring a list of workers from an office or a village into the regency's registry.
// Three views: a new import (upload -> preview and mapping -> commit -> report), the history of
// imports (riwayat impor), and the quarantine of one import, where rows that could not be
// accepted are corrected one by one. Which view is open lives in the URL (?tampilan=riwayat,
// ?karantina=<batch id>) so that a quarantine can be bookmarked and sent to a colleague.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import { HistoryView } from './HistoryView';
import { ImportWizard } from './ImportWizard';
import { QuarantineView } from './QuarantineView';
import './import.css';

type View = { kind: 'new' } | { kind: 'history' } | { kind: 'quarantine'; batchId: number };

const VIEW_PARAM = 'tampilan';
const BATCH_PARAM = 'karantina';

function viewFromUrl(): View {
  const params = new URLSearchParams(window.location.search);
  const batch = Number(params.get(BATCH_PARAM));
  if (Number.isInteger(batch) && batch > 0) return { kind: 'quarantine', batchId: batch };
  if (params.get(VIEW_PARAM) === 'riwayat') return { kind: 'history' };
  return { kind: 'new' };
}

function writeUrl(view: View, push: boolean): void {
  const url = new URL(window.location.href);
  url.searchParams.delete(VIEW_PARAM);
  url.searchParams.delete(BATCH_PARAM);
  if (view.kind === 'history') url.searchParams.set(VIEW_PARAM, 'riwayat');
  if (view.kind === 'quarantine') url.searchParams.set(BATCH_PARAM, String(view.batchId));
  if (url.href === window.location.href) return;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

export function ImportPage({ regencyCode }: { regencyCode: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>(viewFromUrl);

  useEffect(() => {
    const onPop = () => setView(viewFromUrl());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((next: View) => {
    writeUrl(next, true);
    setView(next);
    // Move focus to the new view's heading so that keyboard and screen-reader users land there.
    requestAnimationFrame(() => document.getElementById('import-view-title')?.focus());
  }, []);

  return (
    <div class="import-page" data-testid="import-page" data-regency={regencyCode}>
      <div class="page-head">
        <h1>{t('import.title')}</h1>
      </div>
      <nav class="import-tabs" aria-label={t('import.tabs')}>
        <button
          type="button"
          class="import-tab"
          aria-current={view.kind === 'new' ? 'page' : undefined}
          data-testid="tab-new"
          onClick={() => go({ kind: 'new' })}
        >
          {t('import.tab.new')}
        </button>
        <button
          type="button"
          class="import-tab"
          aria-current={view.kind !== 'new' ? 'page' : undefined}
          data-testid="tab-history"
          onClick={() => go({ kind: 'history' })}
        >
          {t('import.tab.history')}
        </button>
      </nav>
      {view.kind === 'new' && (
        <ImportWizard
          regencyCode={regencyCode}
          onOpenQuarantine={(batchId) => go({ kind: 'quarantine', batchId })}
        />
      )}
      {view.kind === 'history' && (
        <HistoryView
          regencyCode={regencyCode}
          onOpenQuarantine={(batchId) => go({ kind: 'quarantine', batchId })}
        />
      )}
      {view.kind === 'quarantine' && (
        <QuarantineView
          regencyCode={regencyCode}
          batchId={view.batchId}
          onBack={() => go({ kind: 'history' })}
        />
      )}
    </div>
  );
}
