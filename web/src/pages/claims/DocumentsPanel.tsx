// The dossier checklist of a case: every document its kind needs (required or not), uploaded
// (POST …/documents/{kind} with the file as the body and X-File-Name: the server checks the
// content, PDF, JPEG or PNG, and the size) or seen on paper (POST …/seen), who checked it and
// when, and the download of an uploaded one. Changes only while the case is reported, by
// manage_claims; a refusal is shown in the server's words.

import { useState } from 'preact/hooks';
import { claimDocumentUrl, markDocumentSeen, uploadClaimDocument, type Claim, type ChecklistDocument } from '../../lib/claimsApi';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { failureText } from '../verval/logic';

interface Props {
  claim: Claim;
  regencyCode: string;
  editable: boolean;
  onChange: (claim: Claim) => void;
}

export function DocumentsPanel({ claim, regencyCode, editable, onChange }: Props) {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function act(doc: ChecklistDocument, action: () => Promise<Claim>) {
    if (busy) return;
    setBusy(doc.kind);
    setOutcome(null);
    try {
      const next = await action();
      const state = next.documents.find((d) => d.kind === doc.kind)?.state;
      setOutcome({ ok: true, text: t('claim.docs.done', { document: doc.label, state: state === 'uploaded' ? t('claim.docs.uploaded') : t('claim.docs.seen') }) });
      onChange(next);
    } catch (caught) {
      setOutcome({ ok: false, text: t('claim.docs.refused', { document: doc.label, detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(null);
    }
  }

  const missing = claim.documents.filter((d) => claim.missing.includes(d.kind)).map((d) => d.label);
  return (
    <section class="panel" aria-labelledby="docs-title" data-testid="documents">
      <header class="panel-head">
        <h2 id="docs-title">{t('claim.docs.title')}</h2>
        <p class={missing.length ? 'panel-note claims-warn' : 'panel-note claims-yes'} data-testid="docs-missing" data-count={missing.length}>
          {missing.length ? t('claim.docs.missingList', { list: missing.join(', ') }) : t('claim.docs.complete')}
        </p>
      </header>
      {editable && <p class="hint claims-intro">{t('claim.docs.intro')}</p>}
      <div class="table-scroll">
        <table class="data-table claim-docs" data-testid="doc-list">
          <caption class="visually-hidden">{t('claim.docs.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('claim.docs.document')}</th>
              <th scope="col">{t('claim.docs.state')}</th>
              <th scope="col">{t('claim.docs.checked')}</th>
              {editable && <th scope="col">{t('claim.docs.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {claim.documents.map((d) => {
              const id = `doc-${d.kind}`;
              return (
                <tr key={d.kind} data-testid="doc" data-kind={d.kind} data-state={d.state ?? 'missing'} data-required={String(d.required)}>
                  <th scope="row">
                    <span id={`${id}-label`}>{d.label}</span> <span class="muted">({d.required ? t('claim.docs.required') : t('claim.docs.optional')})</span>
                  </th>
                  <td data-testid="doc-state">
                    <span class={`claims-doc claims-doc-${d.state ?? 'missing'}`}>
                      {d.state === 'uploaded' ? t('claim.docs.uploaded') : d.state === 'seen_on_paper' ? t('claim.docs.seen') : t('claim.docs.missing')}
                    </span>
                    {d.state === 'uploaded' && d.file_name && (
                      <>
                        {' '}
                        <a href={claimDocumentUrl(regencyCode, claim.id, d.kind)} download={d.file_name} data-testid="doc-download">
                          {t('claim.docs.download', { file: d.file_name })}
                        </a>
                      </>
                    )}
                  </td>
                  <td data-testid="doc-checked">{d.checked_by ? t('claim.docs.checkedBy', { actor: d.checked_by, when: d.checked_at ? formatDateTime(d.checked_at, lang) : '' }) : '–'}</td>
                  {editable && (
                    <td>
                      <div class="claims-doc-actions">
                        <span class="file-picker">
                          <input
                            id={`${id}-file`}
                            class="file-picker-input"
                            type="file"
                            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                            aria-label={t('claim.docs.uploadLabel', { document: d.label })}
                            disabled={busy !== null}
                            data-testid="doc-file"
                            onChange={(e) => {
                              const input = e.currentTarget as HTMLInputElement;
                              const file = input.files?.[0];
                              input.value = '';
                              if (file) void act(d, () => uploadClaimDocument(regencyCode, claim.id, d.kind, file));
                            }}
                          />
                          <label for={`${id}-file`} class="button button-secondary button-small file-picker-button" aria-hidden="true">
                            {busy === d.kind ? t('claim.docs.busy') : t('claim.docs.upload')}
                          </label>
                        </span>
                        {d.state !== 'seen_on_paper' && (
                          <button
                            type="button"
                            class="button button-secondary button-small"
                            disabled={busy !== null}
                            aria-label={t('claim.docs.markSeenLabel', { document: d.label })}
                            data-testid="doc-seen"
                            onClick={() => void act(d, () => markDocumentSeen(regencyCode, claim.id, d.kind))}
                          >
                            {t('claim.docs.markSeen')}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class={outcome?.ok ? 'notice' : 'form-summary'} role="status" data-testid="docs-outcome" data-ok={outcome ? String(outcome.ok) : undefined}>
        {outcome?.text}
      </p>
    </section>
  );
}
