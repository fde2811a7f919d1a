// The budget simulator of one program (GET …/simulation): for N workers (default: the quota) from
// a month (default: the program's first), what a month costs, how many whole months the budget
// pays and until when, how many workers it pays to the period's end, and what is left or missing.
// A shortfall is shown as a shortfall ("Kurang Rp 67.558.400", in red, with the word), never as
// a negative balance. Every figure carries its plain-Indonesian label and what it is counted on.

import { useEffect, useState } from 'preact/hooks';
import { MonthField } from '../../components/MonthField';
import { Loading } from '../../components/State';
import { formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { simulateProgram, type Program, type Simulation } from '../../lib/programsApi';
import { failureText } from '../verval/logic';
import { TextField } from './Field';
import { coverage, parseWhole, periodText, rupiahInputText } from './logic';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; sim: Simulation };

interface Props {
  regencyCode: string;
  program: Program;
  /** Changes when the program's budget changed: the simulation is read again. */
  version: number;
}

export function Simulator({ regencyCode, program, version }: Props) {
  const { t } = useI18n();
  const [workersText, setWorkersText] = useState(program.quota > 0 ? rupiahInputText(program.quota) : '');
  const [from, setFrom] = useState(program.period_from);
  const [asked, setAsked] = useState<{ workers?: number; from: string; addWorkers?: number; addFrom?: string }>({
    from: program.period_from,
  });
  const [workersError, setWorkersError] = useState('');
  // A PAK to price: workers added from a month to the program's end (optional).
  const [addText, setAddText] = useState('');
  const [addFrom, setAddFrom] = useState(program.period_from);
  const [addError, setAddError] = useState('');
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad((old) => (old.state === 'ready' ? old : { state: 'loading' }));
    simulateProgram(regencyCode, program.id, asked, controller.signal)
      .then((sim) => setLoad({ state: 'ready', sim }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, program.id, asked, version]);

  function submit(event: Event) {
    event.preventDefault();
    let pak: { addWorkers?: number; addFrom?: string } = {};
    if (addText.trim() !== '') {
      const added = parseWhole(addText);
      if (!added.ok || added.value <= 0) {
        setAddError(t(added.ok ? 'program.sim.addPositive' : added.error === 'range' ? 'program.error.tooLarge' : 'program.error.wholeFormat'));
        document.getElementById('sim-add-workers')?.focus();
        return;
      }
      setAddError('');
      setAddText(rupiahInputText(added.value));
      pak = { addWorkers: added.value, addFrom };
    } else {
      setAddError('');
    }
    if (workersText.trim() === '') {
      // An empty field is the quota, and says so.
      setWorkersError('');
      if (program.quota > 0) setWorkersText(rupiahInputText(program.quota));
      setAsked({ from, ...pak });
      return;
    }
    const workers = parseWhole(workersText);
    if (!workers.ok) {
      setWorkersError(t(workers.error === 'range' ? 'program.error.tooLarge' : 'program.error.wholeFormat'));
      document.getElementById('sim-workers')?.focus();
      return;
    }
    setWorkersError('');
    setWorkersText(rupiahInputText(workers.value));
    setAsked({ workers: workers.value, from, ...pak });
  }

  return (
    <section class="panel program-sim" aria-labelledby="sim-title" data-testid="simulator">
      <header class="panel-head">
        <h2 id="sim-title">{t('program.sim.title')}</h2>
      </header>
      <p class="hint program-sim-intro">{t('program.sim.intro')}</p>
      <form class="program-sim-form" onSubmit={submit} noValidate data-testid="sim-form">
        <TextField
          id="sim-workers"
          label={t('program.sim.workers')}
          hint={program.quota > 0 ? t('program.sim.workersHint', { quota: formatNumber(program.quota) }) : undefined}
          error={workersError || undefined}
          inputMode="numeric"
          size={10}
          value={workersText}
          onInput={setWorkersText}
        />
        <MonthField id="sim-from" legend={t('program.sim.from')} value={from} onChange={setFrom} />
        <TextField
          id="sim-add-workers"
          label={t('program.sim.addWorkers')}
          hint={t('program.sim.addWorkersHint')}
          error={addError || undefined}
          inputMode="numeric"
          size={10}
          value={addText}
          onInput={setAddText}
        />
        <MonthField id="sim-add-from" legend={t('program.sim.addFrom')} value={addFrom} onChange={setAddFrom} />
        <button type="submit" class="button" data-testid="sim-run">
          {t('program.sim.run')}
        </button>
      </form>
      <div aria-live="polite" data-testid="sim-result" data-state={load.state}>
        {load.state === 'loading' && <Loading />}
        {load.state === 'error' && (
          <p class="field-error" role="alert" data-testid="sim-failed">
            {t('program.sim.failed', { detail: failureText(load.error, t('state.network')) })}
          </p>
        )}
        {load.state === 'ready' && <Figures sim={load.sim} />}
      </div>
    </section>
  );
}

function Figures({ sim }: { sim: Simulation }) {
  const { lang, t } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const month = (p: string) => formatMonth(p, lang);
  const end = month(sim.to);
  const span = periodText(sim.from, sim.to, lang);
  const workers = n(sim.workers);
  const where = coverage(sim);
  const paidSpan = sim.covered_until ? periodText(sim.from, sim.covered_until, lang) : '';
  const short = (amount: number) => t('program.sim.short', { amount: formatRupiah(amount) });

  return (
    <div class="program-sim-result" data-testid="sim-figures" data-workers={sim.workers} data-from={sim.from}>
      <p class="program-sim-summary" data-testid="sim-summary">
        {sim.whole_months > 0
          ? t('program.sim.summary', { budget: formatRupiah(sim.budget), workers, months: n(sim.whole_months), span: paidSpan })
          : t('program.sim.summaryNone', { budget: formatRupiah(sim.budget), workers, cost: formatRupiah(sim.monthly_cost) })}{' '}
        {sim.shortfall > 0 ? (
          <strong class="sim-short-text">{t('program.sim.summaryEndShort', { end, shortfall: formatRupiah(sim.shortfall) })}</strong>
        ) : (
          t('program.sim.summaryEndOk', { end, surplus: formatRupiah(sim.surplus) })
        )}
      </p>
      <h3 class="sim-group-title">{t('program.sim.groupLasts', { workers })}</h3>
      <dl class="sim-figures" data-testid="sim-lasts">
        <Figure id="monthly-cost" value={sim.monthly_cost} label={t('program.sim.monthlyCost')} shown={formatRupiah(sim.monthly_cost)}
          hint={t('program.sim.monthlyCostHint', { workers, per: formatRupiah(sim.per_worker) })} />
        <Figure id="whole-months" value={sim.whole_months} label={t('program.sim.wholeMonths')} shown={t('program.sim.monthsValue', { count: n(sim.whole_months) })}
          hint={t('program.sim.wholeMonthsHint', { from: month(sim.from) })} />
        <Figure
          id="covered-until"
          value={sim.covered_until ?? ''}
          label={t('program.sim.coveredUntil')}
          shown={sim.covered_until ? month(sim.covered_until) : t('program.sim.coveredNone')}
          tone={where === 'none' || where === 'before' ? 'short' : undefined}
          hint={
            where === 'after'
              ? t('program.sim.coveredAfter', { end })
              : where === 'at'
                ? t('program.sim.coveredAt')
                : t('program.sim.coveredBefore', { end })
          }
        />
        <Figure id="left" value={sim.left} label={t('program.sim.left')} shown={formatRupiah(sim.left)}
          hint={t('program.sim.leftHint', { months: n(sim.whole_months), spent: formatRupiah(sim.spent) })} />
        {sim.next_month && (
          <Figure id="shortfall-next-month" value={sim.shortfall_next_month} label={t('program.sim.shortNext')}
            shown={sim.shortfall_next_month > 0 ? short(sim.shortfall_next_month) : formatRupiah(0)}
            tone={sim.shortfall_next_month > 0 ? 'short' : undefined}
            hint={t('program.sim.shortNextHint', { month: month(sim.next_month), cost: formatRupiah(sim.next_month_cost) })} />
        )}
      </dl>
      <h3 class="sim-group-title">{t('program.sim.groupEnd', { span })}</h3>
      <dl class="sim-figures" data-testid="sim-end">
        <Figure id="cost-until-end" value={sim.cost_until_end} label={t('program.sim.costUntilEnd')} shown={formatRupiah(sim.cost_until_end)}
          hint={t('program.sim.costUntilEndHint', { months: n(sim.months_until_end), workers })} />
        <Figure id="workers-until-end" value={sim.workers_until_end} label={t('program.sim.workersUntilEnd')}
          shown={t('program.sim.workersValue', { count: n(sim.workers_until_end) })} hint={t('program.sim.workersUntilEndHint', { end })} />
        {sim.shortfall > 0 ? (
          <Figure id="shortfall" value={sim.shortfall} label={t('program.sim.shortfall')} shown={short(sim.shortfall)} tone="short"
            hint={t('program.sim.shortfallHint', { workers, end })} />
        ) : (
          <Figure id="shortfall" value={0} label={t('program.sim.shortfall')} shown={t('program.sim.noShortfall')} tone="ok"
            hint={t('program.sim.noShortfallHint', { workers, end })} />
        )}
        {sim.shortfall === 0 && (
          <Figure id="surplus" value={sim.surplus} label={t('program.sim.surplus')} shown={formatRupiah(sim.surplus)} tone="ok"
            hint={t('program.sim.surplusHint', { cost: formatRupiah(sim.cost_until_end) })} />
        )}
      </dl>
      {sim.pak && (
        <>
          <h3 class="sim-group-title">
            {t('program.sim.groupPak', { workers: n(sim.pak.workers), span: periodText(sim.pak.from, sim.to, lang) })}
          </h3>
          <dl class="sim-figures" data-testid="sim-pak">
            <Figure id="pak-cost" value={sim.pak.cost} label={t('program.sim.pakCost')} shown={formatRupiah(sim.pak.cost)}
              hint={t('program.sim.pakCostHint', { workers: n(sim.pak.workers), per: formatRupiah(sim.per_worker) })} />
            {sim.pak.shortfall > 0 ? (
              <Figure id="pak-shortfall" value={sim.pak.shortfall} label={t('program.sim.pakShortfall')}
                shown={short(sim.pak.shortfall)} tone="short" hint={t('program.sim.pakShortfallHint', { end })} />
            ) : (
              <Figure id="pak-shortfall" value={0} label={t('program.sim.pakShortfall')} shown={t('program.sim.noShortfall')}
                tone="ok" hint={t('program.sim.pakEnoughHint', { end })} />
            )}
          </dl>
        </>
      )}
    </div>
  );
}

interface FigureProps {
  id: string;
  label: string;
  shown: string;
  hint: string;
  /** The raw figure (integer rupiah, a count or a month), for tests and copying. */
  value: number | string;
  /** 'short': money missing (red, and the word "Kurang" says it too); 'ok': enough. */
  tone?: 'short' | 'ok';
}

function Figure({ id, label, shown, hint, value, tone }: FigureProps) {
  return (
    <div class={`sim-figure${tone ? ` sim-${tone}` : ''}`} data-testid={`sim-${id}`} data-value={value}>
      <dt>{label}</dt>
      <dd class="sim-value">{shown}</dd>
      <dd class="sim-hint">{hint}</dd>
    </div>
  );
}
