// 1. The month's extracts: the civil registry's deaths and BPJS membership files the run checks
// the registry against. Lists what was imported for the month and, for those who import, one
// upload form per kind with the server's report (read, accepted, quarantined, unchanged; "already
// imported" when the same file came before and nothing changed). A server in demo mode also
// offers its demo regency's extracts to download and upload here.

import { useEffect, useState } from 'preact/hooks';
import { FilePicker } from '../../components/FilePicker';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import {
  demoExtractUrl,
  hasDemoExtracts,
  uploadExtract,
  type ExtractKind,
  type ExtractReport,
  type VervalOverview,
} from '../../lib/vervalApi';
import { failureText, issueKey } from './logic';

const KINDS: ExtractKind[] = ['deaths', 'members'];

interface Props {
  regencyCode: string;
  overview: VervalOverview;
  canUpload: boolean;
  onChanged: () => void;
}

export function ExtractsPanel({ regencyCode, overview, canUpload, onChanged }: Props) {
  const { lang, t } = useI18n();
  const batches = overview.extracts;
  // A server in demo mode offers its demo regency's extracts, so that a newcomer can try the month.
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    if (!canUpload) return undefined;
    const controller = new AbortController();
    hasDemoExtracts(regencyCode, controller.signal).then((offered) => {
      if (!controller.signal.aborted) setDemo(offered);
    });
    return () => controller.abort();
  }, [regencyCode, canUpload]);
  return (
    <section class="verval-panel" aria-labelledby="extracts-title" data-testid="extracts">
      <h3 id="extracts-title">{t('verval.extracts.title')}</h3>
      <p class="hint">{t('verval.extracts.intro')}</p>
      {/* Keyed: when the first batch arrives the empty note becomes a table, and Preact would
          otherwise reuse the upload forms' <div> for it, losing the report just shown. */}
      {batches.length === 0 ? (
        <p key="empty" class="verval-empty" data-testid="extracts-empty">
          {t('verval.extracts.none')}
        </p>
      ) : (
        <div key="table" class="table-scroll">
          <table class="data-table" data-testid="extracts-table">
            <caption class="visually-hidden">{t('verval.extracts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('verval.extracts.kind')}</th>
                <th scope="col">{t('verval.extracts.file')}</th>
                <th scope="col">{t('verval.extracts.when')}</th>
                <th scope="col" class="num">{t('verval.extracts.read')}</th>
                <th scope="col" class="num">{t('verval.extracts.accepted')}</th>
                <th scope="col" class="num">{t('verval.extracts.quarantined')}</th>
                <th scope="col" class="num">{t('verval.extracts.unchanged')}</th>
                <th scope="col">{t('verval.extracts.checksum')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-testid="extract-row" data-kind={b.kind}>
                  <th scope="row">{t(`verval.extract.${b.kind}` as MessageKey)}</th>
                  <td class="verval-file">{b.file_name}</td>
                  <td>
                    {formatDateTime(b.created_at, lang)} <span class="muted">· {b.actor}</span>
                  </td>
                  <td class="num">{formatNumber(b.read, lang)}</td>
                  <td class="num">{formatNumber(b.accepted, lang)}</td>
                  <td class="num">{formatNumber(b.quarantined, lang)}</td>
                  <td class="num">{formatNumber(b.unchanged, lang)}</td>
                  <td>
                    <code class="verval-checksum" title={b.checksum}>
                      {b.checksum.slice(0, 12)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canUpload && demo && (
        <p key="demo" class="verval-demo" data-testid="demo-extracts">
          {t('verval.extract.demo')}{' '}
          {KINDS.map((kind, i) => (
            <span key={kind}>
              {i > 0 && ' · '}
              <a href={demoExtractUrl(regencyCode, kind)} download data-testid={`demo-extract-${kind}`}>
                {t(`verval.extract.${kind}` as MessageKey)} ({kind}.csv)
              </a>
            </span>
          ))}
        </p>
      )}
      {canUpload && (
        <div key="uploads" class="verval-uploads">
          {KINDS.map((kind) => (
            <ExtractUpload key={kind} regencyCode={regencyCode} period={overview.period} kind={kind} onDone={onChanged} />
          ))}
        </div>
      )}
    </section>
  );
}

type Upload =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'done'; file: string; report: ExtractReport }
  | { state: 'error'; detail: string };

function ExtractUpload({ regencyCode, period, kind, onDone }: { regencyCode: string; period: string; kind: ExtractKind; onDone: () => void }) {
  const { lang, t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<Upload>({ state: 'idle' });
  const [missing, setMissing] = useState(false);
  const inputId = `extract-file-${kind}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (upload.state === 'busy') return;
    if (!file) {
      setMissing(true);
      document.getElementById(inputId)?.focus();
      return;
    }
    setMissing(false);
    setUpload({ state: 'busy' });
    try {
      const report = await uploadExtract(regencyCode, kind, period, file);
      setUpload({ state: 'done', file: file.name, report });
      onDone();
    } catch (error) {
      const detail = failureText(error, t('state.network'));
      setUpload({ state: 'error', detail });
    }
  }

  const n = (value: number) => formatNumber(value, lang);
  return (
    <form class="verval-upload" onSubmit={submit} noValidate data-testid={`extract-form-${kind}`}>
      <div class="field">
        <label for={inputId} id={`${inputId}-label`}>
          {t(`verval.extract.upload.${kind}` as MessageKey)}
        </label>
        <FilePicker
          id={inputId}
          labelledBy={`${inputId}-label`}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          file={file}
          invalid={missing}
          describedBy={`${inputId}-hint`}
          testid={`extract-file-${kind}`}
          onFile={(chosen) => {
            setFile(chosen);
            setMissing(false);
          }}
        />
        <p id={`${inputId}-hint`} class="hint">
          {missing ? <span class="field-error">{t('verval.extract.chooseFile')}</span> : t(`verval.extract.columns.${kind}` as MessageKey)}
        </p>
      </div>
      <button type="submit" class="button" disabled={upload.state === 'busy'} data-testid={`extract-upload-${kind}`}>
        {upload.state === 'busy' ? t('verval.extract.uploading') : t('verval.extract.upload')}
      </button>
      <div class="verval-upload-result" role="status" aria-live="polite" data-testid={`extract-report-${kind}`}>
        {upload.state === 'done' && (
          <>
            <p data-testid="extract-outcome" data-stored={String(upload.report.stored)}>
              <strong>{upload.file}: </strong>
              {upload.report.stored ? t('verval.extract.stored') : t('verval.extract.already')}
            </p>
            <p>
              {t('verval.extract.report', {
                read: n(upload.report.read),
                accepted: n(upload.report.accepted),
                quarantined: n(upload.report.quarantined),
                unchanged: n(upload.report.unchanged),
              })}
            </p>
            {Object.keys(upload.report.issues ?? {}).length > 0 && (
              <ul class="verval-issues">
                {Object.entries(upload.report.issues).map(([code, count]) => {
                  const key = issueKey(code);
                  return (
                    <li key={code}>
                      {key ? t(key) : code}: {n(count)}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
        {upload.state === 'error' && (
          <p class="field-error" role="alert">
            {t('verval.extract.failed', { detail: upload.detail })}
          </p>
        )}
      </div>
    </form>
  );
}
