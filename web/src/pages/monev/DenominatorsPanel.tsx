// A region's denominators by year and the form that sets one: the year, a name from the known
// list (shown by its label), the value as people type it ("612.000"), the source (required: a
// figure without its source cannot be shown on a page) and, when known, the source's date.
// Choosing a year and name the region already has fills the form with what is stored.

import { useEffect, useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { TableScroll } from '../../components/ChartPanel';
import { Panel } from '../../components/Panel';
import { LoadState } from '../../components/State';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { KNOWN_DENOMINATORS, listDenominators, setDenominator, type Denominator } from '../../lib/monevApi';
import { todayInJakarta } from '../../lib/period';
import { useLoad } from '../../lib/useLoad';
import { SaveActions, useSave, YearField } from './FormParts';
import { formYears, parseCount } from './logic';
import type { RegionChoice } from './TargetsPage';
import { denominatorKey, denominatorName } from './words';

export function DenominatorsPanel({ region }: { region: RegionChoice }) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => listDenominators(region.code, signal), [region.code], true);
  const rows = load.state === 'ready' ? [...load.data].sort((a, b) => b.year - a.year || a.name.localeCompare(b.name)) : [];
  return (
    <Panel id="monev-denominator-list" title={t('monev.denominators.of', { region: region.name })} note={t('monev.denominators.formNote')}>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (rows.length === 0 ? (
          <p class="muted" data-testid="monev-denominators-none">
            {t('monev.denominators.none')}
          </p>
        ) : (
          <TableScroll label={t('monev.denominators.of', { region: region.name })}>
            <table class="data-table" data-testid="monev-denominator-table">
              <caption class="visually-hidden">{t('monev.denominators.of', { region: region.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monev.targets.year')}</th>
                  <th scope="col">{t('monev.denominators.name')}</th>
                  <th scope="col" class="num">
                    {t('monev.denominators.value')}
                  </th>
                  <th scope="col">{t('monev.denominators.source')}</th>
                  <th scope="col">{t('monev.targets.recorded')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={`${d.year}-${d.name}`} data-testid="monev-denominator-item" data-year={d.year} data-name={d.name} data-value={d.value}>
                    <th scope="row">{d.year}</th>
                    <td>{denominatorName(d, t)}</td>
                    <td class="num" data-testid="monev-denominator-value">
                      {formatNumber(d.value, lang)}
                    </td>
                    <td>
                      {d.source}
                      {d.source_date ? `, ${formatDate(d.source_date, lang)}` : ''}
                    </td>
                    <td class="hint">
                      {d.actor} · {formatDateTime(d.updated_at, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      <DenominatorForm region={region} stored={load.state === 'ready' ? load.data : null} onSaved={reload} />
    </Panel>
  );
}

function DenominatorForm({ region, stored, onSaved }: { region: RegionChoice; stored: Denominator[] | null; onSaved: () => void }) {
  const { lang, t } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1); // published figures come a year late
  const [name, setName] = useState<string>(KNOWN_DENOMINATORS[0]);
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [dated, setDated] = useState(false);
  const [date, setDate] = useState(todayInJakarta());
  const [invalid, setInvalid] = useState<'value' | 'source' | null>(null);
  const save = useSave('monev.targets.refused');

  // A year and name the region has: the form shows it, to be changed. The fields are filled when
  // either is chosen and once when the stored denominators arrive, never while one types.
  function choose(chosenYear: number, chosenName: string) {
    const existing = stored?.find((d) => d.year === chosenYear && d.name === chosenName);
    setYear(chosenYear);
    setName(chosenName);
    setValue(existing ? formatNumber(existing.value, lang) : '');
    setSource(existing?.source ?? '');
    setDated(!!existing?.source_date);
    if (existing?.source_date) setDate(existing.source_date);
    setInvalid(null);
  }
  // Filled in the same render as the fields, so that data-ready (what a script waits for before
  // typing) is true only once typing can no longer be overwritten by this first fill.
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (stored && !filled) {
      setFilled(true);
      choose(year, name);
    }
  }, [stored]);

  function submit(event: Event) {
    event.preventDefault();
    const count = parseCount(value);
    const wrong = count === null ? 'value' : !source.trim() ? 'source' : null;
    setInvalid(wrong);
    if (wrong || count === null) {
      save.fail(t(wrong === 'source' ? 'monev.denominators.noSource' : 'monev.denominators.badValue'));
      document.getElementById(wrong === 'source' ? 'monev-denominator-source' : 'monev-denominator-value')?.focus();
      return;
    }
    void save.run(async () => {
      const saved = await setDenominator(region.code, year, name, { value: count, source: source.trim(), source_date: dated ? date : '' });
      onSaved();
      return t('monev.denominators.saved', { name: denominatorName(saved, t), year: saved.year, region: saved.region_name, value: formatNumber(saved.value, lang) });
    });
  }

  return (
    <form class="monev-form" onSubmit={submit} noValidate aria-labelledby="monev-denominator-form-title" data-testid="monev-denominator-form" data-ready={String(filled)}>
      <h3 id="monev-denominator-form-title">{t('monev.denominators.set')}</h3>
      <div class="form-grid">
        <YearField id="monev-denominator-year" label={t('monev.targets.year')} value={year} years={formYears(thisYear, (stored ?? []).map((d) => d.year))} onChange={(y) => choose(y, name)} />
        <div class="field">
          <label for="monev-denominator-name">{t('monev.denominators.name')}</label>
          <select id="monev-denominator-name" data-testid="monev-denominator-name" value={name} onChange={(e) => choose(year, (e.currentTarget as HTMLSelectElement).value)}>
            {KNOWN_DENOMINATORS.map((n) => (
              <option key={n} value={n}>
                {t(denominatorKey(n)!)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="monev-denominator-value">{t('monev.denominators.value')}</label>
          <input
            id="monev-denominator-value"
            data-testid="monev-denominator-input"
            inputMode="numeric"
            value={value}
            aria-invalid={invalid === 'value' ? 'true' : undefined}
            onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="monev-denominator-source">{t('monev.denominators.source')}</label>
          <input
            id="monev-denominator-source"
            data-testid="monev-denominator-source"
            value={source}
            placeholder={t('monev.denominators.sourceExample')}
            aria-invalid={invalid === 'source' ? 'true' : undefined}
            onInput={(e) => setSource((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field field-wide">
          <label class="monev-check">
            <input type="checkbox" checked={dated} data-testid="monev-denominator-dated" onChange={(e) => setDated((e.currentTarget as HTMLInputElement).checked)} />{' '}
            {t('monev.denominators.dated')}
          </label>
          {dated && <DateField id="monev-denominator-date" legend={t('monev.denominators.date')} value={date} onChange={setDate} back={10} />}
        </div>
      </div>
      <SaveActions save={save} label={t('monev.denominators.save')} prefix="monev-denominator" />
    </form>
  );
}
