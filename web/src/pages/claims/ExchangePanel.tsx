// "Pertukaran dengan BPJS" on the claims list: the submitted cases as the branch's file (GET
// …/claims-submitted.xlsx, export_personal_data) and the branch's decisions sent back as written
// (POST …/claim-decisions with X-File-Name, manage_claims). The page shows what the server made of
// the file: lines, applied, already recorded, and the lines that did not match, each linked to its
// case (but a case number jaring does not know); a refused file is shown in the server's words and nothing of it was applied.

import { useState } from 'preact/hooks';
import { FilePicker } from '../../components/FilePicker';
import { importClaimDecisions, submittedClaimsUrl, type DecisionImport } from '../../lib/claimsApi';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { codeKey } from '../bills/logic';
import { Figures } from '../enrolment/Figures';
import { failureText } from '../verval/logic';
import { claimHref } from './logic';

interface Props {
  regencyCode: string;
  permissions: readonly string[];
  /** After an import that the server took: the list shows the cases' new states. */
  onImported: () => void;
}

export function ExchangePanel({ regencyCode, permissions, onImported }: Props) {
  const { t } = useI18n();
  const canExport = permissions.includes('export_personal_data');
  const canImport = permissions.includes('manage_claims');
  if (!canExport && !canImport) return null;
  return (
    <section class="panel" aria-labelledby="claims-exchange-title" data-testid="claims-exchange">
      <header class="panel-head">
        <h2 id="claims-exchange-title">{t('claim.exchange.title')}</h2>
      </header>
      <p class="hint claims-intro">{t('claim.exchange.intro')}</p>
      {canExport && (
        <p>
          <a class="button button-secondary" href={submittedClaimsUrl(regencyCode)} download data-testid="claims-export" aria-describedby="claims-export-hint">
            {t('claim.exchange.download')}
          </a>{' '}
          <span id="claims-export-hint" class="hint">
            {t('claim.exchange.downloadHint')}
          </span>
        </p>
      )}
      {canImport && <DecisionsUpload regencyCode={regencyCode} onImported={onImported} />}
    </section>
  );
}

function DecisionsUpload({ regencyCode, onImported }: { regencyCode: string; onImported: () => void }) {
  const { lang, t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [result, setResult] = useState<DecisionImport | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setStatus({ ok: false, text: t('claim.exchange.noFile') });
      document.getElementById('decisions-file')?.focus();
      return;
    }
    setBusy(true);
    setStatus(null);
    setResult(null);
    try {
      const imported = await importClaimDecisions(regencyCode, file);
      setResult(imported);
      setStatus({ ok: true, text: t('claim.exchange.done', { file: file.name, applied: formatNumber(imported.applied, lang) }) });
      onImported();
    } catch (caught) {
      setStatus({ ok: false, text: t('claim.exchange.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="claims-upload" data-testid="decisions-upload">
      <h3 id="decisions-title">{t('claim.exchange.upload')}</h3>
      <p class="hint claims-intro" id="decisions-file-hint">
        {t('claim.exchange.uploadHint')}
      </p>
      <form class="claims-form-row" onSubmit={submit} noValidate aria-labelledby="decisions-title">
        <span id="decisions-file-label" class="claims-label">
          {t('claim.exchange.file')}
        </span>
        <FilePicker
          id="decisions-file"
          labelledBy="decisions-file-label"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            setStatus(null);
          }}
          invalid={status?.ok === false}
          describedBy="decisions-file-hint"
          testid="decisions-file"
        />
        <button type="submit" class="button" disabled={busy} data-testid="decisions-submit">
          {busy ? t('claim.exchange.busy') : t('claim.exchange.upload')}
        </button>
      </form>
      <p class={status?.ok ? 'notice' : 'form-summary'} role="status" data-testid="decisions-status" data-ok={status ? String(status.ok) : undefined}>
        {status?.text}
      </p>
      {result && <DecisionResult result={result} />}
    </div>
  );
}

function DecisionResult({ result }: { result: DecisionImport }) {
  const { lang, t } = useI18n();
  return (
    <div class="enrol-result" data-testid="decisions-result">
      <Figures
        prefix="decisions"
        label={t('claim.exchange.figures')}
        items={[
          { key: 'lines', label: t('claim.exchange.lines'), value: result.lines },
          { key: 'applied', label: t('claim.exchange.applied'), value: result.applied, tone: 'main' },
          { key: 'repeated', label: t('claim.exchange.repeated'), value: result.repeated },
          { key: 'mismatches', label: t('claim.exchange.mismatchCount'), value: result.mismatches.length, tone: 'warn' },
        ]}
      />
      {result.mismatches.length === 0 ? (
        <p class="notice">{t('claim.exchange.allClear')}</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table" data-testid="mismatches">
            <caption>{t('claim.exchange.mismatches', { count: formatNumber(result.mismatches.length, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('claim.exchange.line')}
                </th>
                <th scope="col">{t('claim.exchange.claim')}</th>
                <th scope="col">{t('claim.exchange.nik')}</th>
                <th scope="col">{t('claim.exchange.kind')}</th>
                <th scope="col">{t('claim.exchange.message')}</th>
              </tr>
            </thead>
            <tbody>
              {result.mismatches.map((m) => {
                const kind = codeKey('claim.mismatch.', m.kind);
                return (
                  <tr key={m.line} data-testid="mismatch" data-kind={m.kind} data-line={m.line} data-claim={m.claim_id}>
                    <td class="num">{formatNumber(m.line, lang)}</td>
                    <td data-testid="mismatch-claim">
                      {m.claim_id > 0 && m.kind !== 'unknown_claim' ? (
                        <a href={claimHref(m.claim_id)} aria-label={t('claim.exchange.openClaim', { id: String(m.claim_id) })}>
                          {m.claim_id}
                        </a>
                      ) : (
                        m.claim_id || '–'
                      )}
                    </td>
                    <td class="nik">{m.nik || '–'}</td>
                    <td data-testid="mismatch-kind">
                      <span class={`claims-state claims-mismatch-${m.kind}`}>{kind ? t(kind) : m.kind}</span>
                    </td>
                    <td data-testid="mismatch-message">{m.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
