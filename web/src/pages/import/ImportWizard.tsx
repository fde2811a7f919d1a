// A new import, step by step: upload (with upload progress), parsing (polled), preview with the
// column mapping and every issue, commit (polled), final report. The job lives on the server;
// this component only follows it, polling while it works (parsing or committing).

import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { ApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { discardImport, getImportJob, type ImportJob } from '../../lib/importApi';
import { newCount } from './logic';
import { PreviewStep } from './PreviewStep';
import { JobProgress } from './Progress';
import { UploadStep } from './UploadStep';

const POLL_MS = 700;
const JOB_KEY = 'jaring.importJob.';

function rememberedJob(regencyCode: string): string | null {
  try {
    return globalThis.sessionStorage?.getItem(JOB_KEY + regencyCode) ?? null;
  } catch {
    return null; // storage blocked: the job lasts as long as the page
  }
}

function rememberJob(regencyCode: string, id: string | null): void {
  try {
    if (id) globalThis.sessionStorage?.setItem(JOB_KEY + regencyCode, id);
    else globalThis.sessionStorage?.removeItem(JOB_KEY + regencyCode);
  } catch {
    // storage blocked: nothing to remember
  }
}

interface Props {
  regencyCode: string;
  onOpenQuarantine: (batchId: number) => void;
}

export function ImportWizard({ regencyCode, onOpenQuarantine }: Props) {
  const { t } = useI18n();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const [pollAttempt, setPollAttempt] = useState(0);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const working = job !== null && (job.state === 'parsing' || job.state === 'committing');
  useEffect(() => {
    if (!job || !working) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getImportJob(regencyCode, job.id, controller.signal)
        .then((next) => {
          setPollError(null);
          setJob(next);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setPollError(error);
        });
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [regencyCode, job, working, pollAttempt]);

  // The job on screen survives a visit to the history or a reload (the server keeps it in
  // memory): its id is kept per regency in sessionStorage and picked up again on return.
  const [resuming, setResuming] = useState(() => rememberedJob(regencyCode) !== null);
  useEffect(() => {
    const id = rememberedJob(regencyCode);
    setJob(null);
    if (!id) {
      setResuming(false);
      return undefined;
    }
    const controller = new AbortController();
    setResuming(true);
    getImportJob(regencyCode, id, controller.signal)
      .then((found) => setJob(found))
      .catch(() => {
        if (!controller.signal.aborted) rememberJob(regencyCode, null); // gone (restart) or not ours
      })
      .finally(() => {
        if (!controller.signal.aborted) setResuming(false);
      });
    return () => controller.abort();
  }, [regencyCode]);
  useEffect(() => {
    if (job) rememberJob(regencyCode, job.id);
  }, [regencyCode, job]);

  // Each step's heading takes focus when the step changes, so that nobody is left behind.
  const step = job?.state ?? 'upload';
  useEffect(() => {
    if (step !== 'upload') titleRef.current?.focus();
  }, [step]);

  const startOver = () => {
    rememberJob(regencyCode, null);
    setJob(null);
    setPollError(null);
  };

  // Waits for the server to drop the job (quick), so that "discarded" means gone.
  const discard = () => {
    if (!job) return startOver();
    discardImport(regencyCode, job.id)
      .catch(() => undefined) // a lost job is gone already
      .finally(startOver);
  };

  if (pollError) {
    const lost = pollError instanceof ApiError && pollError.status === 404;
    return (
      <section class="import-step" aria-labelledby="import-view-title">
        <h2 id="import-view-title" tabIndex={-1}>
          {t('import.step.problem')}
        </h2>
        {lost ? (
          <div class="import-alert import-alert-error" role="alert" data-testid="job-lost">
            <p>{t('import.job.lost')}</p>
            <button type="button" class="button" onClick={startOver}>
              {t('import.again')}
            </button>
          </div>
        ) : (
          <ErrorState error={pollError} onRetry={() => { setPollError(null); setPollAttempt((n) => n + 1); }} />
        )}
      </section>
    );
  }

  if (!job && resuming) return <Loading />;
  if (!job) return <UploadStep regencyCode={regencyCode} onUploaded={setJob} />;

  if (job.state === 'parsing' || job.state === 'committing') {
    const parsing = job.state === 'parsing';
    return (
      <section class="import-step" aria-labelledby="import-view-title" data-testid={`job-${job.state}`}>
        <h2 id="import-view-title" ref={titleRef} tabIndex={-1}>
          {parsing ? t('import.step.parsing') : t('import.step.committing')}
        </h2>
        <p class="import-file-line">
          {t('import.fileFrom', { file: job.file_name, source: job.source })}
        </p>
        <JobProgress
          label={parsing ? t('import.progress.parse') : t('import.progress.commit')}
          progress={job.progress}
          unit={job.progress?.phase === 'commit' ? 'rows' : parsing ? 'bytes' : 'rows'}
        />
        <p class="import-hint">{t('import.progress.hint')}</p>
      </section>
    );
  }

  if (job.state === 'failed') {
    return (
      <section class="import-step" aria-labelledby="import-view-title" data-testid="job-failed">
        <h2 id="import-view-title" ref={titleRef} tabIndex={-1}>
          {t('import.step.failed')}
        </h2>
        <div class="import-alert import-alert-error" role="alert">
          <p>{job.error?.detail || t('import.failed.unknown')}</p>
        </div>
        <button type="button" class="button" onClick={startOver}>
          {t('import.again')}
        </button>
      </section>
    );
  }

  if (job.state === 'preview') {
    return <PreviewStep regencyCode={regencyCode} job={job} onJob={setJob} onDiscard={discard} titleRef={titleRef} />;
  }

  // done: the final report.
  const counts = job.counts ?? { read: 0, accepted: 0, quarantined: 0, updated: 0, unchanged: 0 };
  return (
    <section class="import-step" aria-labelledby="import-view-title" data-testid="job-done">
      <h2 id="import-view-title" ref={titleRef} tabIndex={-1}>
        {t('import.step.done')}
      </h2>
      <div class="import-alert import-alert-ok" role="status">
        <p>{t('import.done.summary', { file: job.file_name, read: formatNumber(counts.read) })}</p>
      </div>
      <CountTiles counts={counts} testid="final-counts" />
      <div class="import-actions">
        {job.batch_id !== null && counts.quarantined > 0 && (
          <button
            type="button"
            class="button"
            data-testid="open-quarantine"
            onClick={() => onOpenQuarantine(job.batch_id as number)}
          >
            {t('import.done.openQuarantine', { count: formatNumber(counts.quarantined) })}
          </button>
        )}
        <button type="button" class="button button-secondary" onClick={startOver}>
          {t('import.again')}
        </button>
      </div>
    </section>
  );
}

/** The four outcomes of an import (dry run in the preview, real after commit). */
export function CountTiles({
  counts,
  testid,
}: {
  counts: { read: number; accepted: number; quarantined: number; updated: number; unchanged: number };
  testid: string;
}) {
  const { lang, t } = useI18n();
  const tiles = [
    { key: 'new', label: t('import.count.new'), value: newCount(counts), hint: t('import.count.newHint') },
    { key: 'updated', label: t('import.count.updated'), value: counts.updated, hint: t('import.count.updatedHint') },
    {
      key: 'unchanged',
      label: t('import.count.unchanged'),
      value: counts.unchanged,
      hint: t('import.count.unchangedHint'),
    },
    {
      key: 'quarantined',
      label: t('import.count.quarantined'),
      value: counts.quarantined,
      hint: t('import.count.quarantinedHint'),
    },
  ];
  return (
    <dl class="import-counts" data-testid={testid}>
      {tiles.map((tile) => (
        <div key={tile.key} class={`import-count import-count-${tile.key}`} data-testid={`count-${tile.key}`}>
          <dt>{tile.label}</dt>
          <dd>
            <span class="import-count-value" data-testid="value">
              {formatNumber(tile.value, lang)}
            </span>
            <span class="import-count-hint">{tile.hint}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
