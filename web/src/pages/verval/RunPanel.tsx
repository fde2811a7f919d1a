// 2. The run: when the month was last checked, by whom and what it found; the button that runs
// the matching engine over the registry and the month's extracts, and the run's progress (its
// stage in words and a <progress> bar) while the page polls it.

import { formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { VervalOverview } from '../../lib/vervalApi';
import { kindKey, stageKey, type RunState } from './logic';

interface Props {
  overview: VervalOverview;
  run: RunState;
  canRun: boolean;
  onStart: () => void;
}

export function RunPanel({ overview, run, canRun, onStart }: Props) {
  const { lang, t } = useI18n();
  const last = overview.run;
  const busy = run.phase === 'starting' || run.phase === 'running';
  const found = last?.counts?.findings ?? {};
  const total = Object.values(found).reduce((n, v) => n + (v ?? 0), 0);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section class="verval-panel" aria-labelledby="run-title" data-testid="run">
      <h3 id="run-title">{t('verval.run.title')}</h3>
      {last ? (
        <div data-testid="last-run" data-run={last.id}>
          <p>
            {t('verval.run.last', {
              when: formatDateTime(last.finished_at || last.started_at, lang),
              actor: last.actor,
            })}{' '}
            {t('verval.run.found', {
              total: n(total),
              automatic: n(last.counts?.automatic ?? 0),
              review: n(last.counts?.to_review ?? 0),
            })}
          </p>
          {total > 0 && (
            <ul class="verval-chips" aria-label={t('verval.run.byKind')}>
              {Object.entries(found)
                .filter(([, v]) => (v ?? 0) > 0)
                .map(([kind, v]) => {
                  const key = kindKey(kind);
                  return (
                    <li key={kind} class="verval-chip" data-kind={kind}>
                      {key ? t(key) : kind}: <strong>{n(v ?? 0)}</strong>
                    </li>
                  );
                })}
            </ul>
          )}
        </div>
      ) : (
        <p data-testid="no-run">{t('verval.run.never')}</p>
      )}
      {overview.extracts.length === 0 && <p class="hint">{t('verval.run.noExtracts')}</p>}
      {canRun && (
        <div class="verval-run-actions">
          <button type="button" class="button" disabled={busy} data-testid="run-start" onClick={onStart}>
            {last ? t('verval.run.again') : t('verval.run.start')}
          </button>
        </div>
      )}
      <div class="verval-run-status" aria-live="polite" data-testid="run-status" data-phase={run.phase}>
        {busy && <RunProgress run={run} />}
        {run.phase === 'done' && (
          <p class="notice" data-testid="run-done">
            {t('verval.run.done', { total: n(Object.values(run.report?.findings ?? {}).reduce((a, b) => a + b, 0)) })}
          </p>
        )}
        {run.phase === 'failed' && (
          <p class="field-error" role="alert" data-testid="run-failed">
            {t('verval.run.failed', { detail: run.detail || t('state.error') })}
          </p>
        )}
      </div>
    </section>
  );
}

function RunProgress({ run }: { run: RunState }) {
  const { lang, t } = useI18n();
  const fraction = run.phase === 'running' ? run.fraction : 0;
  const stage = run.phase === 'running' ? run.stage : '';
  const key = stage ? stageKey(stage) : null;
  const label = run.phase === 'starting' ? t('verval.run.starting') : key ? t(key) : t('verval.run.working');
  return (
    <div class="verval-progress" data-testid="run-progress">
      <div class="verval-progress-label">
        <span id="run-progress-label">{label}</span>
        <span>{formatPercent(fraction, lang)}</span>
      </div>
      <progress max={1} value={fraction} aria-labelledby="run-progress-label" />
    </div>
  );
}
