// The heirs of a death case (PUT …/heirs, as a whole): relation in the legal order, name, NIK,
// share in percent (empty for all: equal), school level for a child in school (it counts for the
// scholarship), and the one recipient with a bank account or cash. People of the member's KK in
// the registry are offered to add with one click. Editable only while the case is reported, by
// manage_claims; the server checks the legal order and the account and its refusal is shown.

import { useEffect, useState } from 'preact/hooks';
import { BANKS, RELATIONS, SCHOOL_LEVELS, setHeirs, type Claim, type Heir } from '../../lib/claimsApi';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { codeKey } from '../bills/logic';
import { failureText } from '../verval/logic';
import { bpToPercent, emptyHeir, heirsForServer, percentToBp, shareStatus, unusedProposals } from './logic';

interface Props {
  claim: Claim;
  regencyCode: string;
  editable: boolean;
  onChange: (claim: Claim) => void;
}

/** A heir being edited: the share as typed. */
type Draft = Heir & { share: string };

const draftOf = (h: Heir): Draft => ({ ...h, share: bpToPercent(h.share_bp) });

export function HeirsEditor({ claim, regencyCode, editable, onChange }: Props) {
  const { lang, t } = useI18n();
  const [drafts, setDrafts] = useState<Draft[]>(() => claim.heirs.map(draftOf));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  // The saved heirs replace the drafts when they change (a save), not when another part of the
  // case does (a paper added keeps the heirs being typed).
  const saved = JSON.stringify(claim.heirs);
  useEffect(() => setDrafts(claim.heirs.map(draftOf)), [saved]);

  const shares = drafts.map((d) => percentToBp(d.share));
  const status = shareStatus(shares);
  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts((list) =>
      list.map((d, j) => {
        if (j === i) return { ...d, ...patch };
        // One recipient: choosing another takes it from the rest.
        return patch.recipient ? { ...d, recipient: false } : d;
      }),
    );
  const add = (h: Partial<Draft> = {}) => setDrafts((list) => [...list, { ...emptyHeir(list.length === 0), share: '', ...h }]);

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (status.state === 'invalid') {
      setOutcome({ ok: false, text: t('claim.heirs.sharesInvalid') });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const heirs = heirsForServer(drafts.map((d, i) => ({ ...d, share_bp: shares[i] ?? 0 })));
      const next = await setHeirs(regencyCode, claim.id, heirs);
      setOutcome({ ok: true, text: t('claim.heirs.saved') });
      onChange(next);
    } catch (caught) {
      setOutcome({ ok: false, text: t('claim.heirs.refused', { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }

  const relationText = (r: string) => {
    const key = codeKey('claim.relation.', r);
    return key ? t(key) : r;
  };

  if (!editable) {
    return (
      <section class="panel" aria-labelledby="heirs-title" data-testid="heirs">
        <header class="panel-head">
          <h2 id="heirs-title">{t('claim.heirs.title')}</h2>
        </header>
        {claim.heirs.length === 0 ? (
          <p class="muted">{t('claim.heirs.none')}</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table" data-testid="heir-list">
              <caption class="visually-hidden">{t('claim.heirs.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('claim.heirs.name')}</th>
                  <th scope="col">{t('claim.heirs.relation')}</th>
                  <th scope="col">{t('claim.heirs.nik')}</th>
                  <th scope="col" class="num">
                    {t('claim.heirs.share')}
                  </th>
                  <th scope="col">{t('claim.heirs.school')}</th>
                  <th scope="col">{t('claim.heirs.recipient')}</th>
                </tr>
              </thead>
              <tbody>
                {claim.heirs.map((h) => {
                  const school = codeKey('claim.school.', h.school_level);
                  return (
                    <tr key={h.heir_no ?? h.name} data-testid="heir-row">
                      <th scope="row">{h.name}</th>
                      <td>{relationText(h.relation)}</td>
                      <td class="nik">{h.nik || '–'}</td>
                      <td class="num">{formatNumber(h.share_bp / 100, lang)}%</td>
                      <td>{school ? t(school) : '–'}</td>
                      <td>
                        {h.recipient
                          ? h.payout === 'bank'
                            ? `${h.bank} ${h.account_no} (${h.account_name})`
                            : t('claim.heirs.cashMark')
                          : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    );
  }

  const proposals = unusedProposals(claim.proposed_heirs, drafts);
  return (
    <section class="panel" aria-labelledby="heirs-title" data-testid="heirs">
      <header class="panel-head">
        <h2 id="heirs-title">{t('claim.heirs.title')}</h2>
      </header>
      <p class="hint claims-intro">{t('claim.heirs.intro')}</p>
      {proposals.length > 0 && (
        <div class="claim-proposals" data-testid="heir-proposals">
          <p class="claim-proposals-title">{t('claim.heirs.proposed')}</p>
          <p class="hint">{t('claim.heirs.proposedHint')}</p>
          <ul>
            {proposals.map((p) => (
              <li key={`${p.nik}-${p.name}`}>
                <button type="button" class="button button-secondary button-small" data-testid="heir-propose" onClick={() => add({ name: p.name, nik: p.nik })}>
                  {t('claim.heirs.addProposed', { name: p.name })}
                </button>{' '}
                <span class="nik">{p.nik}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={save} noValidate data-testid="heirs-form">
        {drafts.length === 0 && <p class="muted">{t('claim.heirs.none')}</p>}
        {drafts.map((d, i) => (
          <HeirFields key={i} index={i} draft={d} invalidShare={shares[i] === null} onChange={(patch) => update(i, patch)} onRemove={() => setDrafts((list) => list.filter((_, j) => j !== i))} />
        ))}
        <p class={status.state === 'complete' || status.state === 'equal' ? 'hint' : 'field-error'} data-testid="heir-shares" data-state={status.state}>
          {status.state === 'equal' && t('claim.heirs.sharesEqual')}
          {status.state === 'complete' && t('claim.heirs.sharesComplete')}
          {status.state === 'off' && t('claim.heirs.sharesOff', { sum: formatNumber(status.sum / 100, lang) })}
          {status.state === 'invalid' && t('claim.heirs.sharesInvalid')}
        </p>
        <div class="claims-form-row">
          <button type="button" class="button button-secondary" data-testid="heir-add" onClick={() => add()}>
            {t('claim.heirs.add')}
          </button>
          <button type="submit" class="button" disabled={busy} data-testid="heirs-save">
            {busy ? t('claim.heirs.busy') : t('claim.heirs.save')}
          </button>
        </div>
        <p class={outcome?.ok ? 'notice' : 'form-summary'} role="status" data-testid="heirs-outcome" data-ok={outcome ? String(outcome.ok) : undefined}>
          {outcome?.text}
        </p>
      </form>
    </section>
  );
}

function HeirFields({ index, draft, invalidShare, onChange, onRemove }: { index: number; draft: Draft; invalidShare: boolean; onChange: (patch: Partial<Draft>) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const id = `heir-${index}`;
  const n = index + 1;
  const text = (field: 'name' | 'nik' | 'share' | 'account_no' | 'account_name', label: string, extra: { maxLength?: number; inputMode?: 'numeric' | 'decimal'; size?: number } = {}) => (
    <div class="field">
      <label for={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type="text"
        autocomplete="off"
        value={draft[field]}
        maxLength={extra.maxLength}
        inputMode={extra.inputMode}
        size={extra.size}
        aria-invalid={field === 'share' && invalidShare ? 'true' : undefined}
        data-testid={`heir-${field}`}
        onInput={(e) => onChange({ [field]: (e.currentTarget as HTMLInputElement).value })}
      />
    </div>
  );
  return (
    <fieldset class="claim-heir" data-testid="heir" data-index={index}>
      <legend>{t('claim.heirs.heir', { n })}</legend>
      <div class="claims-form-row">
        <div class="field">
          <label for={`${id}-relation`}>{t('claim.heirs.relation')}</label>
          <select id={`${id}-relation`} data-testid="heir-relation" value={draft.relation} onChange={(e) => onChange({ relation: (e.currentTarget as HTMLSelectElement).value })}>
            {RELATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`claim.relation.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {text('name', t('claim.heirs.name'), { maxLength: 200 })}
        {text('nik', t('claim.heirs.nik'), { maxLength: 16, inputMode: 'numeric', size: 18 })}
        {text('share', t('claim.heirs.share'), { maxLength: 6, inputMode: 'decimal', size: 6 })}
        {draft.relation === 'child' && (
          <div class="field">
            <label for={`${id}-school`}>{t('claim.heirs.school')}</label>
            <select id={`${id}-school`} data-testid="heir-school" value={draft.school_level} onChange={(e) => onChange({ school_level: (e.currentTarget as HTMLSelectElement).value as Heir['school_level'] })}>
              <option value="">{t('claim.heirs.schoolNone')}</option>
              {SCHOOL_LEVELS.map((s) => (
                <option key={s} value={s}>
                  {t(`claim.school.${s}`)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <div class="claims-form-row">
        <label class="claims-check">
          <input type="radio" name="heir-recipient" checked={draft.recipient} data-testid="heir-recipient" onChange={() => onChange({ recipient: true, payout: draft.payout || 'cash' })} />
          {t('claim.heirs.recipient')}
        </label>
        {draft.recipient && (
          <div class="field">
            <label for={`${id}-payout`}>{t('claim.heirs.payout')}</label>
            <select id={`${id}-payout`} data-testid="heir-payout" value={draft.payout || 'cash'} onChange={(e) => onChange({ payout: (e.currentTarget as HTMLSelectElement).value as Heir['payout'] })}>
              <option value="cash">{t('claim.heirs.cash')}</option>
              <option value="bank">{t('claim.heirs.bankPayout')}</option>
            </select>
          </div>
        )}
        {draft.recipient && draft.payout === 'bank' && (
          <>
            <div class="field">
              <label for={`${id}-bank`}>{t('claim.heirs.bank')}</label>
              <input id={`${id}-bank`} type="text" list="claim-banks" autocomplete="off" value={draft.bank} data-testid="heir-bank" onInput={(e) => onChange({ bank: (e.currentTarget as HTMLInputElement).value })} />
              <datalist id="claim-banks">
                {BANKS.map((b) => (
                  <option key={b} value={b} />
                ))}
              </datalist>
            </div>
            {text('account_no', t('claim.heirs.accountNo'), { maxLength: 20, inputMode: 'numeric', size: 20 })}
            {text('account_name', t('claim.heirs.accountName'), { maxLength: 200 })}
          </>
        )}
        <button type="button" class="button button-quiet button-secondary" aria-label={t('claim.heirs.removeLabel', { n })} data-testid="heir-remove" onClick={onRemove}>
          {t('claim.heirs.remove')}
        </button>
      </div>
    </fieldset>
  );
}
