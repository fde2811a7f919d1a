// /program/{id}/kartu: membership cards. Issuing the program's cards (POST …/cards, a PDF of A4
// sheets of ten: every covered worker gets one), printing again the cards that still hold (GET
// …/cards.pdf, issues nothing), the cards issued with their state, a link to each card's public
// check (/cek/{token}, outside this app: a new tab) and a reprint of one worker's card (a new card;
// the server revokes the earlier one). Cards show persons: offered to those who manage enrolment
// or may export personal data, as the service requires.

import { useEffect, useState } from 'preact/hooks';
import { LoadState } from '../../components/State';
import { cardCheckPath, cardsPdfUrl, issueCards, listCards, type Card } from '../../lib/billsApi';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { useLoad } from '../../lib/useLoad';
import { failureText } from '../verval/logic';
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
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
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
      setOutcome({ ok: true, text: worker ? t('card.reprinted', { worker }) : t('card.issued', { count: formatNumber(made.issued, lang) }) });
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
              {outcome.ok && pdf && (
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
        {cards && cards.length > 0 && <CardTable cards={cards} busy={busy} onReprint={issue} />}
      </section>
    </div>
  );
}

function CardTable({ cards, busy, onReprint }: { cards: readonly Card[]; busy: number | 'all' | null; onReprint: (worker: number) => void }) {
  const { lang, t } = useI18n();
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="card-list">
        <caption>{t('card.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('card.serial')}</th>
            <th scope="col">{t('card.worker')}</th>
            <th scope="col">{t('card.issuedAt')}</th>
            <th scope="col">{t('card.status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('recon.lines.action')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cards.map((c) => (
            <tr key={c.id} data-testid="card" data-card={c.id} data-worker={c.worker_id} data-state={c.revoked_at ? 'revoked' : 'valid'}>
              <th scope="row" class="nik">
                {c.serial}
              </th>
              <td>
                <a href={`/pekerja/${c.worker_id}`}>{formatNumber(c.worker_id, lang)}</a>
              </td>
              <td>{formatDateTime(c.issued_at, lang, 'Asia/Jakarta')}</td>
              <td>
                <span class={`bills-state bills-state-${c.revoked_at ? 'revoked' : 'paid'}`} data-testid="card-state">
                  {c.revoked_at ? t('card.revoked', { reason: c.revoke_reason ?? '' }) : t('card.valid')}
                </span>
              </td>
              <td class="bills-actions">
                <a href={cardCheckPath(c.token)} target="_blank" rel="external noopener noreferrer" aria-label={t('card.checkLabel', { serial: c.serial })} data-testid="card-check">
                  {t('card.check')}
                </a>
                {!c.revoked_at && (
                  <button
                    type="button"
                    class="button button-secondary"
                    disabled={busy !== null}
                    aria-label={t('card.reprintLabel', { serial: c.serial })}
                    onClick={() => onReprint(c.worker_id)}
                    data-testid="card-reprint"
                  >
                    {t('card.reprint')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
