// A region's targets by year, the province's and the nation's that apply where the region has
// none, and the form that sets one: the year, the target typed as a percentage ("33" or "33,5";
// sent as 0.33), the denominator it is measured on (default: the first the region has) and its
// source. Choosing a year the region already has fills the form with what is stored.

import { useEffect, useState } from 'preact/hooks';
import { TableScroll } from '../../components/ChartPanel';
import { Panel } from '../../components/Panel';
import { LoadState } from '../../components/State';
import { formatDateTime, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { KNOWN_DENOMINATORS, listTargets, setTarget, type Target } from '../../lib/monevApi';
import { useLoad } from '../../lib/useLoad';
import { SaveActions, useSave, YearField } from './FormParts';
import { formYears, fractionToPercentText, percentToFraction } from './logic';
import type { RegionChoice } from './TargetsPage';
import { denominatorKey } from './words';

export function TargetsPanel({ region, province }: { region: RegionChoice; province: string }) {
  const { t } = useI18n();
  const [load, reload] = useLoad((signal) => listTargets(region.code, signal), [region.code], true);
  const own = load.state === 'ready' ? load.data : [];
  return (
    <Panel id="monev-target-list" title={t('monev.targets.targets', { region: region.name })} note={t('monev.targets.targetsNote')}>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && <TargetTable targets={own} testid="monev-targets-table" empty={t('monev.targets.noneOwn')} />}
      <TargetForm region={region} own={load.state === 'ready' ? load.data : null} onSaved={reload} />
      <Inherited province={province} />
    </Panel>
  );
}

function TargetTable({ targets, testid, empty, showRegion }: { targets: Target[]; testid: string; empty: string; showRegion?: boolean }) {
  const { lang, t } = useI18n();
  if (targets.length === 0) return <p class="muted">{empty}</p>;
  return (
    <TableScroll label={t('monev.targetName')}>
      <table class="data-table" data-testid={testid}>
        <caption class="visually-hidden">{t('monev.targetName')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monev.targets.year')}</th>
            <th scope="col" class="num">
              {t('monev.targetName')}
            </th>
            <th scope="col">{t('monev.targets.denominator')}</th>
            <th scope="col">{t('monev.targets.source')}</th>
            <th scope="col">{t('monev.targets.recorded')}</th>
          </tr>
        </thead>
        <tbody>
          {[...targets]
            .sort((a, b) => b.year - a.year)
            .map((x) => {
              const key = denominatorKey(x.denominator);
              return (
                <tr key={`${x.region_code}-${x.year}`} data-testid="monev-target-row" data-region={x.region_code} data-year={x.year} data-value={x.value}>
                  <th scope="row">
                    {x.year}
                    {showRegion && <span class="hint"> · {x.region_name}</span>}
                  </th>
                  <td class="num" data-testid="monev-target-value">
                    {formatShare(x.value, lang)}
                  </td>
                  <td>{x.denominator ? (key ? t(key) : x.denominator) : t('monev.targets.auto')}</td>
                  <td>{x.source || '–'}</td>
                  <td class="hint">
                    {x.actor} · {formatDateTime(x.updated_at, lang)}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function TargetForm({ region, own, onSaved }: { region: RegionChoice; own: Target[] | null; onSaved: () => void }) {
  const { lang, t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [percent, setPercent] = useState('');
  const [denominator, setDenominator] = useState('');
  const [source, setSource] = useState('');
  const [invalid, setInvalid] = useState(false);
  const save = useSave('monev.targets.refused');

  // A year the region has a target for: the form shows it, to be changed. The fields are filled
  // when a year is chosen and once when the stored targets arrive, never while one types.
  function choose(chosen: number) {
    const stored = own?.find((x) => x.year === chosen);
    setYear(chosen);
    setPercent(stored ? fractionToPercentText(stored.value, lang) : '');
    setDenominator(stored?.denominator ?? '');
    setSource(stored?.source ?? '');
    setInvalid(false);
  }
  // Filled in the same render as the fields, so that data-ready (what a script waits for before
  // typing) is true only once typing can no longer be overwritten by this first fill.
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (own && !filled) {
      setFilled(true);
      choose(year);
    }
  }, [own]);

  function submit(event: Event) {
    event.preventDefault();
    const value = percentToFraction(percent);
    setInvalid(value === null);
    if (value === null) {
      save.fail(t('monev.targets.badPercent'));
      document.getElementById('monev-target-value')?.focus();
      return;
    }
    void save.run(async () => {
      const saved = await setTarget(region.code, year, { value, denominator, source: source.trim() });
      onSaved();
      return t('monev.targets.saved', { year: saved.year, region: saved.region_name, value: formatShare(saved.value, lang) });
    });
  }

  return (
    <form class="monev-form" onSubmit={submit} noValidate aria-labelledby="monev-target-form-title" data-testid="monev-target-form" data-ready={String(filled)}>
      <h3 id="monev-target-form-title">{t('monev.targets.set')}</h3>
      <div class="form-grid">
        <YearField id="monev-target-year" label={t('monev.targets.year')} value={year} years={formYears(thisYear, (own ?? []).map((x) => x.year))} onChange={choose} />
        <div class="field">
          <label for="monev-target-value">{t('monev.targets.percent')}</label>
          <div class="monev-percent">
            <input
              id="monev-target-value"
              data-testid="monev-target-input"
              inputMode="decimal"
              value={percent}
              aria-invalid={invalid ? 'true' : undefined}
              aria-describedby="monev-target-value-hint"
              onInput={(e) => setPercent((e.currentTarget as HTMLInputElement).value)}
            />
            <span aria-hidden="true">%</span>
          </div>
          <p id="monev-target-value-hint" class="hint">
            {t('monev.targets.percentHint')}
          </p>
        </div>
        <div class="field">
          <label for="monev-target-denominator">{t('monev.targets.denominator')}</label>
          <select id="monev-target-denominator" data-testid="monev-target-denominator" value={denominator} onChange={(e) => setDenominator((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('monev.targets.auto')}</option>
            {KNOWN_DENOMINATORS.map((name) => (
              <option key={name} value={name}>
                {t(denominatorKey(name)!)}
              </option>
            ))}
            {denominator && !denominatorKey(denominator) && <option value={denominator}>{denominator}</option>}
          </select>
        </div>
        <div class="field">
          <label for="monev-target-source">{t('monev.targets.source')}</label>
          <input id="monev-target-source" data-testid="monev-target-source" value={source} placeholder={t('monev.targets.sourceExample')} onInput={(e) => setSource((e.currentTarget as HTMLInputElement).value)} />
        </div>
      </div>
      <SaveActions save={save} label={t('monev.targets.save')} prefix="monev-target" />
    </form>
  );
}

/** The province's and the nation's targets: what applies when the region sets none for a year. */
function Inherited({ province }: { province: string }) {
  const { t } = useI18n();
  const [load, reload] = useLoad(
    async (signal) => {
      const [wide, nation] = await Promise.all([province ? listTargets(province, signal) : Promise.resolve([]), listTargets('ID', signal)]);
      return [...wide, ...nation];
    },
    [province],
  );
  return (
    <div class="monev-inherited" data-testid="monev-inherited">
      <h3>{t('monev.targets.inherited')}</h3>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && <TargetTable targets={load.data} testid="monev-inherited-table" empty={t('monev.targets.noneInherited')} showRegion />}
    </div>
  );
}
