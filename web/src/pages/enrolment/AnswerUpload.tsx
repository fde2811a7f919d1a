// Importing the BPJS branch's answer (manage_enrolment): the file is sent as written (POST
// …/enrolment-answers?program=ID, X-File-Name), and the page shows what the server made of it:
// matched, name differs, rejected, unknown NIK and the coverage periods it started, then the
// lines to follow up. A refused file (another program's, a batch not yet approved, an unreadable
// status) is shown in the server's words and nothing of it is stored.

import { useState } from 'preact/hooks';
import { FilePicker } from '../../components/FilePicker';
import { uploadAnswer, type Answer } from '../../lib/enrolmentApi';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { failureText } from '../verval/logic';
import { AnswerLines } from './AnswerLines';
import { Figures, type Figure } from './Figures';

interface Props {
  regencyCode: string;
  programId: number;
  onImported: (answer: Answer) => void;
}

export function AnswerUpload({ regencyCode, programId, onImported }: Props) {
  const { lang, t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setStatus({ ok: false, text: t('enrol.upload.noFile') });
      document.getElementById('answer-file')?.focus();
      return;
    }
    setBusy(true);
    setStatus(null);
    setAnswer(null);
    try {
      const imported = await uploadAnswer(regencyCode, programId, file);
      setAnswer(imported);
      setStatus({ ok: true, text: t('enrol.upload.done', { file: imported.file_name, count: formatNumber(imported.coverage_started, lang) }) });
      onImported(imported);
    } catch (caught) {
      setStatus({ ok: false, text: t('enrol.upload.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel enrol-upload" aria-labelledby="answer-upload-title" data-testid="answer-upload">
      <header class="panel-head">
        <h2 id="answer-upload-title">{t('enrol.upload.title')}</h2>
      </header>
      <p class="hint enrol-intro" id="answer-file-hint">
        {t('enrol.upload.intro')}
      </p>
      <form class="enrol-upload-form" onSubmit={submit} noValidate>
        <span id="answer-file-label" class="enrol-label">
          {t('enrol.upload.file')}
        </span>
        <FilePicker
          id="answer-file"
          labelledBy="answer-file-label"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            setStatus(null);
          }}
          invalid={status?.ok === false}
          describedBy="answer-file-hint"
          testid="answer-file"
        />
        <button type="submit" class="button" disabled={busy} data-testid="answer-submit">
          {busy ? t('enrol.upload.busy') : t('enrol.upload.submit')}
        </button>
      </form>
      <p class={status?.ok ? 'notice' : 'form-summary'} role="status" data-testid="answer-status" data-ok={status ? String(status.ok) : undefined}>
        {status?.text}
      </p>
      {answer && <AnswerResult answer={answer} />}
    </section>
  );
}

/** What one answer came to: its counts and the lines to follow up. */
export function AnswerResult({ answer }: { answer: Answer }) {
  const { t } = useI18n();
  return (
    <div class="enrol-result" data-testid="answer-result" data-answer={answer.answer}>
      <Figures items={answerFigures(answer, t)} prefix="answer" />
      {answer.lines.length > 0 ? (
        <AnswerLines lines={answer.lines} caption={t('enrol.answer.followUp')} />
      ) : (
        <p class="notice">{t('enrol.answer.allClear')}</p>
      )}
    </div>
  );
}

export function answerFigures(a: Answer, t: ReturnType<typeof useI18n>['t']): Figure[] {
  return [
    { key: 'matched', label: t('enrol.answer.matched'), value: a.matched, tone: 'main' },
    { key: 'name_differs', label: t('enrol.answer.name_differs'), value: a.name_differs, tone: 'warn' },
    { key: 'rejected', label: t('enrol.answer.rejected'), value: a.rejected, tone: 'warn' },
    { key: 'unknown', label: t('enrol.answer.unknown'), value: a.unknown, tone: 'warn' },
    { key: 'coverage_started', label: t('enrol.answer.coverage_started'), value: a.coverage_started },
  ];
}
