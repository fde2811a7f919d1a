// /verval: the monthly verification of one regency (issue 12). A month picker (the period,
// default this month in Jakarta; for the demo regency, the month its data is for) and three views: the month (its extracts, the run with its
// progress, the findings by kind and state, settling and the berita acara), the review queue
// (for those who decide), and the month-to-month history. Month and view live in the URL
// (?periode=2025-10&tampilan=tinjau) so that a month's queue can be bookmarked and shared.
//
// The page owns the month's overview (GET /verval?period=) and the run's progress: while a run
// is going it polls the overview (logic.ts runTransition) and reads everything again at its end.

import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { formatMonth } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { navigate, useLocation } from '../../lib/router';
import { getVervalOverview, startVervalRun, type VervalOverview } from '../../lib/vervalApi';
import { HistoryView } from './HistoryView';
import {
  failureText,
  isPolling,
  pageSearch,
  pageStateFromSearch,
  pollDelay,
  runEnded,
  runTransition,
  type PageState,
  type RunState,
  type VervalView,
} from './logic';
import { MonthPicker } from './MonthPicker';
import { MonthView } from './MonthView';
import { ReviewView } from './ReviewView';
import './verval.css';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: VervalOverview };

interface Props {
  regencyCode: string;
  permissions: readonly string[];
  /** The month to open on when the address names none (the demo's month); else this month. */
  defaultPeriod?: string;
}

export function VervalPage({ regencyCode, permissions, defaultPeriod }: Props) {
  const { lang, t } = useI18n();
  const location = useLocation();
  const { period, view, kind } = pageStateFromSearch(location.search, new Date(), defaultPeriod);
  const can = (permission: string) => permissions.includes(permission);
  const canDecide = can('decide');
  const shownView: VervalView = view === 'review' && !canDecide ? 'month' : view;

  // Moves to another month, view or kind (a new history entry; `replace` for a kind tab).
  const go = useCallback((next: Partial<PageState>, options: { focusTitle?: boolean; replace?: boolean } = {}) => {
    const here = pageStateFromSearch(window.location.search, new Date(), defaultPeriod);
    const target = { ...here, ...next };
    if (next.period !== undefined || next.view !== undefined) target.kind = next.kind ?? '';
    navigate(`${window.location.pathname}${pageSearch(window.location.search, target)}`, { replace: options.replace });
    if (options.focusTitle) requestAnimationFrame(() => document.getElementById('verval-view-title')?.focus());
  }, [defaultPeriod]);

  // The month's overview, read again after every change (`reload`).
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    setLoad((old) => (old.state === 'ready' && old.data.period === period ? old : { state: 'loading' }));
    getVervalOverview(regencyCode, period, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, period, version]);

  // The run: started here or found running, then polled until it ends; its end reads the
  // month again (counts, findings, the run itself).
  const [run, dispatch] = useReducer(runTransition, { phase: 'idle' } as RunState);
  const overview = load.state === 'ready' && load.data.period === period ? load.data : null;
  const shownPeriod = overview?.period;
  useEffect(() => {
    // A newly shown month starts from its job: a running one is followed, a finished one is
    // history (the month's run says what it found).
    dispatch({ type: 'reset', job: overview?.job ?? null });
  }, [shownPeriod, regencyCode]);

  const [pollFailures, setPollFailures] = useState(0);
  useEffect(() => {
    if (!isPolling(run)) return undefined;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getVervalOverview(regencyCode, period, controller.signal)
        .then((data) => {
          setPollFailures(0);
          dispatch({ type: 'job', job: data.job });
        })
        .catch(() => {
          if (!controller.signal.aborted) setPollFailures((n) => n + 1);
        });
    }, pollDelay(pollFailures));
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [run, regencyCode, period, pollFailures]);
  const previousRun = useRef(run);
  useEffect(() => {
    if (runEnded(previousRun.current, run)) reload();
    previousRun.current = run;
  }, [run, reload]);

  const startRun = useCallback(async () => {
    dispatch({ type: 'start' });
    try {
      const job = await startVervalRun(regencyCode, period);
      dispatch({ type: 'job', job });
    } catch (error) {
      const detail = failureText(error, t('state.network'));
      dispatch({ type: 'error', detail });
    }
  }, [regencyCode, period, t]);

  const tabs: { view: VervalView; label: string; testid: string }[] = [
    { view: 'month', label: t('verval.tab.month'), testid: 'tab-month' },
    ...(canDecide ? [{ view: 'review' as const, label: t('verval.tab.review'), testid: 'tab-review' }] : []),
    { view: 'history', label: t('verval.tab.history'), testid: 'tab-history' },
  ];

  return (
    <div class="verval-page" data-testid="verval-page" data-regency={regencyCode} data-period={period}>
      <div class="page-head verval-head">
        <h1>{t('verval.title', { month: formatMonth(period, lang) })}</h1>
        <MonthPicker period={period} onChange={(next) => go({ period: next })} />
      </div>
      <nav class="verval-tabs" aria-label={t('verval.tabs')}>
        {tabs.map((tab) => (
          <a
            key={tab.view}
            class="verval-tab"
            href={`${location.pathname}${pageSearch(location.search, { period, view: tab.view, kind: '' })}`}
            aria-current={shownView === tab.view ? 'page' : undefined}
            data-testid={tab.testid}
          >
            {tab.label}
          </a>
        ))}
      </nav>
      {shownView === 'history' ? (
        <HistoryView regencyCode={regencyCode} onOpenMonth={(p) => go({ period: p, view: 'month' }, { focusTitle: true })} />
      ) : (
        <>
          {load.state === 'loading' && <Loading />}
          {load.state === 'error' && <ErrorState error={load.error} onRetry={reload} />}
          {overview && shownView === 'month' && (
            <MonthView
              regencyCode={regencyCode}
              overview={overview}
              run={run}
              permissions={permissions}
              onStartRun={startRun}
              onChanged={reload}
              onReview={(k) => go({ view: 'review', kind: k }, { focusTitle: true })}
            />
          )}
          {overview && shownView === 'review' && (
            <ReviewView
              regencyCode={regencyCode}
              overview={overview}
              kind={kind}
              running={isPolling(run)}
              onKind={(k) => go({ kind: k }, { replace: true })}
              onChanged={reload}
            />
          )}
        </>
      )}
    </div>
  );
}
