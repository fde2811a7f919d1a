// One worker (/pekerja/{id}): loads the record and shows it (WorkerView), "not found" when the
// server answers 404, or the error with a retry.

import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { ApiError, getWorker, type WorkerDetail } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { WorkerView } from './WorkerView';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: WorkerDetail };

export function WorkerPage({ regencyCode, id }: { regencyCode: string; id: number }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getWorker(regencyCode, id, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, id, attempt]);

  return (
    <section class="worker" aria-labelledby="worker-title" data-testid="worker">
      <p class="back">
        <a href="/pekerja" data-testid="back-to-list">
          <span aria-hidden="true">← </span>
          {t('worker.back')}
        </a>
      </p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' &&
        (load.error instanceof ApiError && load.error.status === 404 ? (
          <>
            <h1 id="worker-title">{t('page.notFound')}</h1>
          </>
        ) : (
          <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />
        ))}
      {load.state === 'ready' && (
        <WorkerView
          regencyCode={regencyCode}
          worker={load.data}
          onSaved={(data) => setLoad({ state: 'ready', data })}
        />
      )}
    </section>
  );
}
