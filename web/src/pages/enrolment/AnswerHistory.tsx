// The program's BPJS answers imported so far, newest first (GET …/answers): when, which file,
// by whom and what it came to; for roles that see persons (view_workers), each answer's lines
// to follow up open below the table (GET …/answers/{id}).

import { useState } from 'preact/hooks';
import { LoadState } from '../../components/State';
import { getAnswer, listAnswers, type Answer } from '../../lib/enrolmentApi';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useLoad } from '../../lib/useLoad';
import { AnswerLines } from './AnswerLines';
import { answerFigures } from './AnswerUpload';

interface Props {
  regencyCode: string;
  programId: number;
  /** Changes after an import: the list is read again. */
  version: number;
  canSeeLines: boolean;
}

export function AnswerHistory({ regencyCode, programId, version, canSeeLines }: Props) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => listAnswers(regencyCode, programId, signal), [regencyCode, programId, version], true);
  const [open, setOpen] = useState<number | null>(null);

  const lineCount = (a: Answer) => a.name_differs + a.rejected + a.unknown;
  const opened = load.state === 'ready' ? load.data.find((a) => a.answer === open) : undefined;

  return (
    <section class="panel" aria-labelledby="answers-title" data-testid="answer-history">
      <header class="panel-head">
        <h2 id="answers-title">{t('enrol.history.title')}</h2>
      </header>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && load.data.length === 0 && (
        <p class="muted" data-testid="answers-none">
          {t('enrol.history.none')}
        </p>
      )}
      {load.state === 'ready' && load.data.length > 0 && (
        <div class="table-scroll">
          <table class="data-table" data-testid="answers-table">
            <caption class="visually-hidden">{t('enrol.history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('enrol.history.when')}</th>
                <th scope="col">{t('enrol.history.file')}</th>
                <th scope="col">{t('enrol.history.actor')}</th>
                {answerFigures(load.data[0], t).map((f) => (
                  <th key={f.key} scope="col" class="num">
                    {f.label}
                  </th>
                ))}
                {canSeeLines && <th scope="col">{t('enrol.history.lines')}</th>}
              </tr>
            </thead>
            <tbody>
              {load.data.map((a) => (
                <tr key={a.answer} data-testid="answer-row" data-answer={a.answer}>
                  <td class="nowrap">{formatDateTime(a.created_at, lang)}</td>
                  <th scope="row" class="enrol-file">
                    {a.file_name}
                  </th>
                  <td>{a.actor}</td>
                  {answerFigures(a, t).map((f) => (
                    <td key={f.key} class="num" data-key={f.key} data-value={f.value}>
                      {formatNumber(f.value, lang)}
                    </td>
                  ))}
                  {canSeeLines && (
                    <td>
                      {lineCount(a) === 0 ? (
                        <span class="muted">{t('enrol.history.noLines')}</span>
                      ) : (
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-expanded={open === a.answer}
                          aria-controls="answer-lines-shown"
                          onClick={() => setOpen(open === a.answer ? null : a.answer)}
                          data-testid="answer-show-lines"
                        >
                          {open === a.answer ? t('enrol.history.hide') : t('enrol.history.show', { count: formatNumber(lineCount(a), lang) })}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div id="answer-lines-shown">
        {opened && canSeeLines && <OpenedLines regencyCode={regencyCode} programId={programId} answer={opened} />}
      </div>
    </section>
  );
}

function OpenedLines({ regencyCode, programId, answer }: { regencyCode: string; programId: number; answer: Answer }) {
  const { t } = useI18n();
  const [load, reload] = useLoad((signal) => getAnswer(regencyCode, programId, answer.answer, signal), [regencyCode, programId, answer.answer]);
  if (load.state !== 'ready') return <LoadState load={load} onRetry={reload} />;
  return <AnswerLines lines={load.data.lines} caption={t('enrol.history.linesOf', { file: answer.file_name })} testid="history-lines" />;
}
