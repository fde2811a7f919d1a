// /program/{id}/tidak-memenuhi-syarat: who the program's rules left out at its last selection
// (GET …/ineligible, view_workers), so that the operator can tell each village who was left out
// and why. The reasons' words are the server's; the list is shown by village (names from the
// Kemendagri list the import page also reads), one village's persons at a time, and can be
// downloaded as a spreadsheet for the villages by those with export_personal_data.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { LoadState } from '../../components/State';
import { ineligibleXlsxUrl, listIneligible, type IneligibleWorker } from '../../lib/enrolmentApi';
import { formatMonth, formatNumber, formatOptionalDate } from '../../lib/format';
import { occupationLabel, useI18n } from '../../lib/i18n';
import { useLoad } from '../../lib/useLoad';
import { loadRegencyVillages } from '../import/villages';
import { occupationName } from '../programs/logic';
import { byVillage, reasonCounts } from './logic';
import './enrolment.css';

interface Props {
  regencyCode: string;
  programId: number;
  canExport: boolean;
}

/** Village code -> its name and its district's name, once the list is loaded. */
function useVillageNames(regencyCode: string): Map<string, { village: string; district: string }> {
  const [names, setNames] = useState(new Map<string, { village: string; district: string }>());
  useEffect(() => {
    let live = true;
    loadRegencyVillages(regencyCode)
      .then((districts) => {
        const map = new Map<string, { village: string; district: string }>();
        for (const d of districts) for (const v of d.villages) map.set(v.code, { village: v.name, district: d.name });
        if (live) setNames(map);
      })
      .catch(() => undefined); // codes stay visible without names
    return () => {
      live = false;
    };
  }, [regencyCode]);
  return names;
}

export function IneligibleView({ regencyCode, programId, canExport }: Props) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => listIneligible(regencyCode, programId, signal), [regencyCode, programId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const names = useVillageNames(regencyCode);

  const items = useMemo<IneligibleWorker[]>(() => (load.state === 'ready' ? load.data : []), [load]);
  const groups = useMemo(() => byVillage(items), [items]);
  const overall = useMemo(() => reasonCounts(items), [items]);
  const shown = groups.find((g) => g.village_code === chosen) ?? groups[0];
  const villageName = (code: string) => names.get(code)?.village ?? code;
  const periods = [...new Set(items.map((w) => w.period))].sort();

  return (
    <section class="panel" aria-labelledby="ineligible-title" data-testid="ineligible" data-state={load.state} data-count={items.length}>
      <header class="panel-head">
        <h2 id="ineligible-title">{t('enrol.inel.title')}</h2>
      </header>
      <p class="hint enrol-intro">{t('enrol.inel.intro')}</p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && items.length === 0 && (
        <p class="muted" data-testid="ineligible-none">
          {t('enrol.inel.none')}
        </p>
      )}
      {load.state === 'ready' && items.length > 0 && shown && (
        <>
          <div class="enrol-inel-head">
            <p class="enrol-summary" data-testid="ineligible-summary">
              {t('enrol.inel.summary', {
                count: formatNumber(items.length, lang),
                villages: formatNumber(groups.length, lang),
                month: periods.map((p) => formatMonth(p, lang)).join(', '),
              })}
            </p>
            {canExport && (
              <a class="button button-secondary" href={ineligibleXlsxUrl(regencyCode, programId)} download data-testid="ineligible-xlsx">
                {t('enrol.inel.download')}
              </a>
            )}
          </div>
          <h3 class="enrol-sub">{t('enrol.inel.reasons')}</h3>
          <ul class="enrol-reasons" data-testid="ineligible-reasons">
            {overall.map((r) => (
              <li key={r.code} data-code={r.code} data-count={r.count}>
                {r.label}: <strong>{formatNumber(r.count, lang)}</strong>
              </li>
            ))}
          </ul>
          <div class="enrol-inel-grid">
            {/* A regency has hundreds of villages: the list scrolls in its own box (reachable by keyboard). */}
            <div class="table-scroll enrol-inel-villages" tabIndex={0} role="region" aria-labelledby="ineligible-villages-caption">
              <table class="data-table" data-testid="ineligible-villages">
                <caption id="ineligible-villages-caption">{t('enrol.inel.byVillage')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('enrol.inel.village')}</th>
                    <th scope="col" class="num">
                      {t('enrol.inel.count')}
                    </th>
                    <th scope="col">{t('enrol.inel.reasons')}</th>
                    <th scope="col">
                      <span class="visually-hidden">{t('enrol.inel.show')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.village_code} data-testid="ineligible-village" data-village={g.village_code} aria-current={g === shown ? 'true' : undefined}>
                      <th scope="row">
                        {villageName(g.village_code)}
                        <span class="enrol-place">{names.get(g.village_code)?.district ?? g.village_code}</span>
                      </th>
                      <td class="num">{formatNumber(g.workers.length, lang)}</td>
                      <td class="enrol-reason-cell">{g.reasons.map((r) => `${r.label} (${formatNumber(r.count, lang)})`).join('; ')}</td>
                      <td>
                        <button
                          type="button"
                          class="button button-secondary button-small"
                          aria-pressed={g === shown}
                          aria-label={t('enrol.inel.showLabel', { village: villageName(g.village_code) })}
                          onClick={() => setChosen(g.village_code)}
                          data-testid="ineligible-show"
                        >
                          {t('enrol.inel.show')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div class="table-scroll">
              <table class="data-table" data-testid="ineligible-persons" data-village={shown.village_code}>
                <caption>{t('enrol.inel.persons', { village: villageName(shown.village_code) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('enrol.inel.name')}</th>
                    <th scope="col">{t('enrol.inel.nik')}</th>
                    <th scope="col">{t('enrol.inel.occupation')}</th>
                    <th scope="col">{t('enrol.inel.birth')}</th>
                    <th scope="col">{t('enrol.inel.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.workers.map((w) => (
                    <tr key={w.worker_id} data-testid="ineligible-person" data-worker={w.worker_id}>
                      <th scope="row">
                        <a href={`/pekerja/${w.worker_id}`}>{w.name}</a>
                      </th>
                      <td class="nik">{w.nik}</td>
                      <td>{occupationLabel(lang, w.occupation, occupationName(w.occupation))}</td>
                      <td class="nowrap">{formatOptionalDate(w.birth_date, lang)}</td>
                      <td data-testid="person-reasons">{w.reasons.map((r) => r.label).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
