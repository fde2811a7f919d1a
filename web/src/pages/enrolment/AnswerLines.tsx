// The lines of a BPJS answer to follow up: a NIK nobody sent, a rejection with the branch's
// reason, a name spelt differently (sent and answered side by side). The NIK is shown as the
// server gives it (masked for roles that may not see it); a known worker's name links to the
// worker's page.

import { useI18n } from '../../lib/i18n';
import type { AnswerLine } from '../../lib/enrolmentApi';
import { formatNumber } from '../../lib/format';
import { lineKindKey } from './logic';

export function AnswerLines({ lines, caption, testid = 'answer-lines' }: { lines: readonly AnswerLine[]; caption: string; testid?: string }) {
  const { lang, t } = useI18n();
  return (
    <div class="table-scroll">
      <table class="data-table enrol-lines" data-testid={testid}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('enrol.line.line')}
            </th>
            <th scope="col">{t('enrol.line.kind')}</th>
            <th scope="col">{t('enrol.line.nik')}</th>
            <th scope="col">{t('enrol.line.nameSent')}</th>
            <th scope="col">{t('enrol.line.nameAnswered')}</th>
            <th scope="col">{t('enrol.line.kpj')}</th>
            <th scope="col">{t('enrol.line.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const kind = lineKindKey(l.kind);
            return (
              <tr key={l.line} data-testid="answer-line" data-kind={l.kind} data-line={l.line} data-worker={l.worker_id ?? undefined}>
                <td class="num">{formatNumber(l.line, lang)}</td>
                <th scope="row" class={`enrol-kind enrol-kind-${l.kind}`} data-testid="line-kind">
                  {kind ? t(kind) : l.kind}
                </th>
                <td class="nik" data-testid="line-nik">
                  {l.nik || '–'}
                </td>
                <td data-testid="line-name-sent">{l.worker_id && l.name_sent ? <a href={`/pekerja/${l.worker_id}`}>{l.name_sent}</a> : (l.name_sent ?? '–')}</td>
                <td data-testid="line-name-answered">{l.name_answered ?? '–'}</td>
                <td class="nik">{l.kpj ?? '–'}</td>
                <td data-testid="line-reason">{l.reason ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
