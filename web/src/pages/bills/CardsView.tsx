// /program/{id}/kartu: membership cards. Issuing the program's cards (POST …/cards, a PDF of A4
// sheets of ten: every covered worker gets one), printing again the cards that still hold (GET
// …/cards.pdf, issues nothing), the cards issued with their state, a link to each card's public
// check (/cek/{token}, outside this app: a new tab), a reprint of one worker's card (a new card;
// the server revokes the earlier one) and a revocation with a reason (manage_enrolment). Cards show persons: offered to those who manage enrolment
// or may export personal data, as the service requires.

import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadState } from '../../components/State';
import { cardCheckPath, cardsPdfUrl, issueCards, listCards, revokeCard, type Card } from '../../lib/billsApi';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { useLoad } from '../../lib/useLoad';
import { failureText } from '../verval/logic';
import { codeKey } from './logic';
import { ReasonForm } from './ReasonForm';
import './bills.css';

interface Props {
  regencyCode: string;
  program: Program;
  permissions: readonly string[];
}

/** A PDF made on the client's request, offered as a download link until replaced. */
function usePdfLink(): [{ url: string; name: string } | null, (blob: Blob, name: string) => void] {
  const [link, setLink] = useState<{ url: string; name: string } | null>(null);
  useEffect(() => () => link && URL.revokeObjectURL(link.url), [link]);
  return [link, (blob, name) => setLink({ url: URL.createObjectURL(blob), name })];
}

export function CardsView({ regencyCode, program, permissions }: Props) {
  const { lang, t } = useI18n();
  const allowed = permissions.includes('manage_enrolment') || permissions.includes('export_personal_data');
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<number | 'all' | null>(null);
  // `pdf`: the outcome is an issue, with the new cards' PDF to download.
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; pdf?: boolean } | null>(null);
  const [pdf, setPdf] = usePdfLink();
  const [load, reload] = useLoad((signal) => (allowed ? listCards(regencyCode, program.id, signal) : Promise.resolve([])), [regencyCode, program.id, version, allowed], true);
  const cards = load.state === 'ready' ? [...load.data].sort((a, b) => b.id - a.id) : null;

  async function issue(worker?: number) {
    if (busy !== null) return;
    setBusy(worker ?? 'all');
    setOutcome(null);
    try {
      const made = await issueCards(regencyCode, program.id, worker);
      setPdf(made.pdf, worker ? `kartu-peserta-${program.id}-pekerja-${worker}.pdf` : `kartu-peserta-${program.id}.pdf`);
      setOutcome({ ok: true, pdf: true, text: worker ? t('card.reprinted', { worker }) : t('card.issued', { count: formatNumber(made.issued, lang) }) });
      setVersion((n) => n + 1);
    } catch (caught) {
      setOutcome({ ok: false, text: t('card.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(null);
    }
  }

  if (!allowed) {
    return (
      <p class="state" data-testid="forbidden">
        {t('card.forbidden')}
      </p>
    );
  }
  return (
    <div class="bills" data-testid="cards" data-program={program.id}>
      <section class="panel" aria-labelledby="cards-title">
        <header class="panel-head">
          <h2 id="cards-title">{t('card.title')}</h2>
        </header>
        <p class="hint bills-intro">{t('card.intro')}</p>
        <div class="bills-form-row">
          <button type="button" class="button" disabled={busy !== null} onClick={() => issue()} data-testid="cards-issue">
            {busy === 'all' ? t('card.issueBusy') : t('card.issue')}
          </button>
          {cards && cards.some((c) => !c.revoked_at) && (
            <a class="button button-secondary" href={cardsPdfUrl(regencyCode, program.id)} download data-testid="cards-pdf">
              {t('card.print')}
            </a>
          )}
        </div>
        <div role="status" data-testid="cards-outcome" data-ok={outcome ? String(outcome.ok) : undefined}>
          {outcome && (
            <p class={outcome.ok ? 'notice' : 'form-summary'}>
              {outcome.text}{' '}
              {outcome.pdf && pdf && (
                <a href={pdf.url} download={pdf.name} data-testid="cards-new-pdf">
                  {t('card.issuedFile')}
                </a>
              )}
            </p>
          )}
        </div>
        <LoadState load={load} onRetry={reload} />
        {cards && cards.length === 0 && (
          <p class="muted" data-testid="cards-none">
            {t('card.none')}
          </p>
        )}
        {cards && cards.length > 0 && (
          <CardTable
            regencyCode={regencyCode}
            cards={cards}
            busy={busy}
            canRevoke={permissions.includes('manage_enrolment')}
            onReprint={issue}
            onRevoked={(card) => {
              setOutcome({ ok: true, text: t('card.revokedNow', { worker: card.worker_id }) });
              setVersion((n) => n + 1);
            }}
          />
        )}
      </section>
    </div>
  );
}

interface TableProps {
  regencyCode: string;
  cards: readonly Card[];
  busy: number | 'all' | null;
  canRevoke: boolean;
  onReprint: (worker: number) => void;
  onRevoked: (card: Card) => void;
}

function CardTable({ regencyCode, cards, busy, canRevoke, onReprint, onRevoked }: TableProps) {
  const { lang, t } = useI18n();
  const [revoking, setRevoking] = useState<number | null>(null);
  const reason = (code: string | null) => {
    const key = code ? codeKey('card.reason.', code) : null;
    return key ? t(key) : (code ?? '');
  };
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="card-list">
        <caption>{t('card.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('card.worker')}</th>
            <th scope="col" class="num">
              {t('card.serial')}
            </th>
            <th scope="col">{t('card.issuedAt')}</th>
            <th scope="col">{t('card.status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('recon.lines.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <Fragment key={c.id}>
              <tr data-testid="card" data-card={c.id} data-worker={c.worker_id} data-state={c.revoked_at ? 'revoked' : 'valid'}>
                <th scope="row">
                  <a href={`/pekerja/${c.worker_id}`}>{c.worker_id}</a>
                </th>
                <td class="num">{formatNumber(c.serial, lang)}</td>
                <td>{formatDateTime(c.issued_at, lang)}</td>
                <td>
                  <span class={`bills-state bills-state-${c.revoked_at ? 'revoked' : 'paid'}`} data-testid="card-state">
                    {c.revoked_at ? t('card.revoked', { reason: reason(c.revoke_reason) }) : t('card.valid')}
                  </span>
                </td>
                <td>
                  <div class="bills-actions">
                    <a
                      href={cardCheckPath(c.token)}
                      target="_blank"
                      rel="external noopener noreferrer"
                      aria-label={t('card.checkLabel', { worker: c.worker_id })}
                      data-testid="card-check"
                    >
                      {t('card.check')}
                    </a>
                    {!c.revoked_at && (
                      <button
                        type="button"
                        class="button button-secondary"
                        disabled={busy !== null}
                        aria-label={t('card.reprintLabel', { worker: c.worker_id })}
                        onClick={() => onReprint(c.worker_id)}
                        data-testid="card-reprint"
                      >
                        {t('card.reprint')}
                      </button>
                    )}
                    {!c.revoked_at && canRevoke && revoking !== c.id && (
                      <button
                        type="button"
                        class="button button-secondary"
                        aria-label={t('card.revokeLabel', { worker: c.worker_id })}
                        onClick={() => setRevoking(c.id)}
                        data-testid="card-revoke"
                      >
                        {t('card.revoke')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
              {revoking === c.id && (
                <tr class="bills-resolve-row">
                  <td colSpan={5}>
                    <ReasonForm
                      id={`revoke-${c.id}`}
                      label={t('card.revokeReason', { worker: c.worker_id })}
                      hint={t('card.revokeHint')}
                      submit={t('card.revokeSubmit')}
                      onCancel={() => setRevoking(null)}
                      onSubmit={async (text) => {
                        const revoked = await revokeCard(regencyCode, c.id, text);
                        setRevoking(null);
                        onRevoked(revoked);
                      }}
                      testid="revoke"
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
