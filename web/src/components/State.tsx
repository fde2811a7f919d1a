// Loading and error states shared by every page: announced to screen readers, in the UI language.

import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <div class="state state-loading" role="status" aria-live="polite" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      {t('state.loading')}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let detail = '';
  if (error instanceof ApiError) detail = error.status === 0 ? t('state.network') : error.message;
  return (
    <div class="state state-error" role="alert" data-testid="error">
      <p class="state-title">{t('state.error')}</p>
      {detail && <p class="state-detail">{detail}</p>}
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** What a useLoad read shows before it is ready: the spinner, or the error with a retry. */
export function LoadState({ load, onRetry }: { load: { state: string; error?: unknown }; onRetry: () => void }) {
  if (load.state === 'loading') return <Loading />;
  if (load.state === 'error') return <ErrorState error={load.error} onRetry={onRetry} />;
  return null;
}
