// A worker's coverage history (GET …/workers/{id}/coverage): the coverage periods programs paid
// for (program, KPJ, start and end as "1 September 2025", why each started and ends), the
// batches the worker was sent in and what the branch answered, and the programs whose rules left
// the worker out, with the server's reasons. This is what bills, claims and coverage read.

import { LoadState } from '../../components/State';
import { getWorkerCoverage } from '../../lib/enrolmentApi';
import { formatMonth, formatOptionalDate } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { useLoad } from '../../lib/useLoad';
import { batchStatusKey, coverageReasonKey, memberStateKey } from '../enrolment/logic';
import '../enrolment/enrolment.css';

export function CoverageHistory({ regencyCode, workerId }: { regencyCode: string; workerId: number }) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => getWorkerCoverage(regencyCode, workerId, signal), [regencyCode, workerId]);

  const word = (key: MessageKey | null, code: string) => (key ? t(key) : code);
  const data = load.state === 'ready' ? load.data : null;
  const empty = data && data.coverage.length === 0 && data.enrolments.length === 0 && data.ineligible.length === 0;
  const programLink = (id: number, name: string) => <a href={`/program/${id}/kepesertaan`}>{name}</a>;

  return (
    <section class="panel" aria-labelledby="coverage-title" data-testid="coverage" data-state={load.state}>
      <h2 id="coverage-title">{t('coverage.title')}</h2>
      <LoadState load={load} onRetry={reload} />
      {empty && (
        <p class="muted" data-testid="coverage-empty">
          {t('coverage.empty')}
        </p>
      )}
      {data && !empty && (
        <>
          <h3 class="coverage-sub">{t('coverage.periods')}</h3>
          {data.coverage.length === 0 ? (
            <p class="muted" data-testid="coverage-no-periods">
              {t('coverage.noPeriods')}
            </p>
          ) : (
            <div class="table-scroll">
              <table class="data-table" data-testid="coverage-periods">
                <caption class="visually-hidden">{t('coverage.periods')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('coverage.program')}</th>
                    <th scope="col">{t('coverage.kpj')}</th>
                    <th scope="col">{t('coverage.start')}</th>
                    <th scope="col">{t('coverage.startReason')}</th>
                    <th scope="col">{t('coverage.end')}</th>
                    <th scope="col">{t('coverage.endReason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.coverage.map((c) => (
                    <tr key={`${c.program_id}-${c.start}-${c.kpj}`} data-testid="coverage-period" data-program={c.program_id} data-batch={c.batch_id}>
                      <th scope="row">{programLink(c.program_id, c.program_name)}</th>
                      <td class="nik" data-testid="coverage-kpj">
                        {c.kpj}
                      </td>
                      <td class="nowrap" data-testid="coverage-start">
                        {formatOptionalDate(c.start, lang)}
                      </td>
                      <td data-testid="coverage-start-reason">{word(coverageReasonKey(c.start_reason), c.start_reason)}</td>
                      <td class="nowrap" data-testid="coverage-end">
                        {formatOptionalDate(c.end, lang)}
                      </td>
                      <td data-testid="coverage-end-reason">{c.end_reason ? word(coverageReasonKey(c.end_reason), c.end_reason) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.enrolments.length > 0 && (
            <>
              <h3 class="coverage-sub">{t('coverage.enrolments')}</h3>
              <div class="table-scroll">
                <table class="data-table" data-testid="coverage-enrolments">
                  <caption class="visually-hidden">{t('coverage.enrolments')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('coverage.batch')}</th>
                      <th scope="col">{t('coverage.program')}</th>
                      <th scope="col">{t('coverage.month')}</th>
                      <th scope="col">{t('coverage.batchStatus')}</th>
                      <th scope="col">{t('coverage.state')}</th>
                      <th scope="col">{t('coverage.kpj')}</th>
                      <th scope="col">{t('coverage.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.enrolments.map((e) => (
                      <tr key={e.batch_id} data-testid="coverage-enrolment" data-batch={e.batch_id} data-state={e.state}>
                        <th scope="row">{e.batch_id}</th>
                        <td>{programLink(e.program_id, e.program_name)}</td>
                        <td class="nowrap">{formatMonth(e.period, lang)}</td>
                        <td>{word(batchStatusKey(e.batch_status), e.batch_status)}</td>
                        <td data-testid="enrolment-state">{word(memberStateKey(e.state), e.state)}</td>
                        <td class="nik">{e.kpj ?? '–'}</td>
                        <td>{e.reason ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {data.ineligible.length > 0 && (
            <>
              <h3 class="coverage-sub">{t('coverage.ineligible')}</h3>
              <ul class="coverage-ineligible" data-testid="coverage-ineligible">
                {data.ineligible.map((i) => (
                  <li key={`${i.program_id}-${i.period}`} data-program={i.program_id}>
                    {t('coverage.ineligibleIn', { program: i.program_name, month: formatMonth(i.period, lang) })}:{' '}
                    {i.reasons.map((r) => r.label).join('; ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
