// /program/{id}/kepesertaan: a program's enrolment. Its batches, newest first (GET …/batches,
// then each batch for its members' answer states), the form that creates one from a settled
// month (manage_enrolment), approval (decide), the BPJS file (manage_enrolment), the import of
// the branch's answer (manage_enrolment) and the answers imported so far. What a role may not
// do is not offered; the server judges again.

import { useCallback, useMemo, useState } from 'preact/hooks';
import { LoadState } from '../../components/State';
import { getBatch, listBatches, type Batch } from '../../lib/enrolmentApi';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { useLoad } from '../../lib/useLoad';
import { AnswerHistory } from './AnswerHistory';
import { AnswerUpload } from './AnswerUpload';
import { BatchCard } from './BatchCard';
import { CreateBatch } from './CreateBatch';
import './enrolment.css';

interface Props {
  regencyCode: string;
  program: Program;
  permissions: readonly string[];
}

/** The program's batches, each with its members' answer states (the list leaves them out). */
async function batchesWithStates(code: string, programId: number, signal: AbortSignal): Promise<Batch[]> {
  const batches = await listBatches(code, programId, signal);
  return Promise.all(batches.map((b) => getBatch(code, b.id, signal)));
}

export function EnrolmentView({ regencyCode, program, permissions }: Props) {
  const { t } = useI18n();
  const canManage = permissions.includes('manage_enrolment');
  const canDecide = permissions.includes('decide');
  const canSeePersons = permissions.includes('view_workers');
  // Bumped after a change (a batch created or approved, an answer imported): everything is read again.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((n) => n + 1), []);
  const [notice, setNotice] = useState('');
  const approved = useCallback(
    (batch: Batch) => {
      setNotice(t('enrol.batch.approvedNow', { id: batch.id }));
      changed();
    },
    [t, changed],
  );

  const [load, reload] = useLoad((signal) => batchesWithStates(regencyCode, program.id, signal), [regencyCode, program.id, version], true);
  const batches = load.state === 'ready' ? load.data : null;
  const batched = useMemo(() => (batches ?? []).map((b) => b.period), [batches]);

  return (
    <div class="enrol" data-testid="enrolment" data-program={program.id}>
      <section class="panel" aria-labelledby="batches-title" data-testid="batches">
        <header class="panel-head">
          <h2 id="batches-title">{t('enrol.batches.title')}</h2>
        </header>
        <p class="hint enrol-intro">{t('enrol.batches.intro')}</p>
        {canManage && <CreateBatch regencyCode={regencyCode} program={program} batched={batched} onCreated={changed} />}
        <p class="notice" role="status" data-testid="batches-notice">
          {notice}
        </p>
        <LoadState load={load} onRetry={reload} />
        {batches && batches.length === 0 && (
          <p class="muted" data-testid="batches-none">
            {canManage ? t('enrol.batches.noneManage') : t('enrol.batches.none')}
          </p>
        )}
        {batches && batches.length > 0 && (
          <div class="enrol-batches" data-testid="batch-list">
            {batches.map((b) => (
              <BatchCard key={b.id} regencyCode={regencyCode} batch={b} canDecide={canDecide} canManage={canManage} onApproved={approved} onRefused={changed} />
            ))}
          </div>
        )}
      </section>
      {canManage && <AnswerUpload regencyCode={regencyCode} programId={program.id} onImported={changed} />}
      <AnswerHistory regencyCode={regencyCode} programId={program.id} version={version} canSeeLines={canSeePersons} />
    </div>
  );
}
