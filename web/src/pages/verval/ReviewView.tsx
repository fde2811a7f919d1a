// The review queue (for those who decide): one kind at a time (tabs with their open counts),
// findings most certain first (the server's order) in a list beside the selected finding, which
// shows its records side by side, the evidence in words and the decision form. Keys (logic.ts
// keyCommand): j/k or arrows move, a/r/d choose a verdict and put the focus in the reason box,
// Enter saves, Escape goes back to the list. A filtered group can be accepted at once after a
// confirmation that states its count.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { formatNumber, formatPercent } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { FINDING_STATES, listFindings, type Finding, type VervalOverview, type Verdict } from '../../lib/vervalApi';
import { BulkAccept } from './BulkAccept';
import { FindingDetail } from './FindingDetail';
import { defaultKind, indexAfterRemoval, isClusterKind, keyCommand, kindKey, kindRows, moveIndex } from './logic';

const PAGE = 50;

// A read answers one query (period, kind, filters, run): `query` names it, so that findings of the
// kind left behind are never shown under the kind chosen next, not even for the frame before the
// next read starts.
type Load =
  | { state: 'loading' }
  | { state: 'error'; query: string; error: unknown }
  | { state: 'ready'; query: string; items: Finding[]; more: boolean; loadingMore: boolean };

interface Props {
  regencyCode: string;
  overview: VervalOverview;
  /** The kind in the address ('' = the first with open findings). */
  kind: string;
  running: boolean;
  onKind: (kind: string) => void;
  onChanged: () => void;
}

function targetKind(target: EventTarget | null): 'text' | 'choice' | 'other' {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return 'text';
  if (target.tagName !== 'INPUT') return 'other';
  const type = (target as HTMLInputElement).type;
  if (type === 'radio' || type === 'checkbox') return 'choice';
  return type === 'button' || type === 'submit' || type === 'reset' ? 'other' : 'text';
}

export function ReviewView({ regencyCode, overview, kind: kindParam, running, onKind, onChanged }: Props) {
  const { lang, t } = useI18n();
  const rows = kindRows(overview.counts);
  const kind = rows.some((r) => r.kind === kindParam) ? kindParam : defaultKind(rows);
  const [state, setState] = useState<string>('open');
  const [action, setAction] = useState('');
  const [loaded, setLoad] = useState<Load>({ state: 'loading' });
  const [selected, setSelected] = useState(0);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [announce, setAnnounce] = useState('');
  const [attempt, setAttempt] = useState(0);
  const period = overview.period;
  const runId = overview.run?.id ?? 0;
  const query = JSON.stringify([regencyCode, period, kind, state, action, runId, attempt]);

  useEffect(() => {
    if (!kind) return undefined;
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    setSelected(0);
    setVerdict(null);
    listFindings(regencyCode, { period, kind, state, action, offset: 0, limit: PAGE }, controller.signal)
      .then((page) => setLoad({ state: 'ready', query, items: page.items, more: page.items.length === PAGE, loadingMore: false }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', query, error });
      });
    return () => controller.abort();
  }, [query]);

  // What an earlier query answered is not this one's: until the read above starts, "loading".
  const load: Load = loaded.state !== 'loading' && loaded.query !== query ? { state: 'loading' } : loaded;
  const items = load.state === 'ready' ? load.items : [];
  const current = items[selected] as Finding | undefined;

  const focusItem = useCallback((id: number | undefined) => {
    if (id === undefined) return;
    requestAnimationFrame(() => {
      const element = document.getElementById(`finding-item-${id}`);
      element?.focus();
      element?.scrollIntoView({ block: 'nearest' });
    });
  }, []);

  const select = useCallback(
    (index: number) => {
      setSelected(index);
      setVerdict(null);
      focusItem(items[index]?.id);
    },
    [items, focusItem],
  );

  // The queue's keys, while no dialog is open and nobody types.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = keyCommand({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target: targetKind(event.target),
        dialogOpen: document.querySelector('dialog[open]') !== null,
      });
      if (!command || items.length === 0) return;
      event.preventDefault();
      if (command === 'next' || command === 'prev') {
        select(moveIndex(selected, items.length, command));
      } else if (command === 'leave') {
        focusItem(current?.id);
      } else if (current?.state === 'open') {
        setVerdict(command);
        requestAnimationFrame(() => document.getElementById('decision-reason')?.focus());
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, selected, current, select, focusItem]);

  async function loadMore() {
    if (load.state !== 'ready') return;
    setLoad({ ...load, loadingMore: true });
    try {
      const page = await listFindings(regencyCode, { period, kind: kind ?? '', state, action, offset: load.items.length, limit: PAGE });
      const seen = new Set(load.items.map((f) => f.id));
      setLoad({
        state: 'ready',
        query,
        items: [...load.items, ...page.items.filter((f) => !seen.has(f.id))],
        more: page.items.length === PAGE,
        loadingMore: false,
      });
    } catch (error) {
      setLoad({ state: 'error', query, error });
    }
  }

  function decided(finding: Finding, newState: string) {
    if (load.state !== 'ready') return;
    const verdictKey = `verval.state.${newState}` as MessageKey;
    setAnnounce(t('verval.review.saved', { name: finding.workers[0]?.name ?? `#${finding.id}`, verdict: t(verdictKey) }));
    setVerdict(null);
    if (state === 'open') {
      const remaining = load.items.filter((f) => f.id !== finding.id);
      const index = indexAfterRemoval(selected, remaining.length);
      setLoad({ ...load, items: remaining });
      setSelected(Math.max(0, index));
      focusItem(remaining[index]?.id);
    } else {
      setLoad({ ...load, items: load.items.map((f) => (f.id === finding.id ? { ...f, state: newState as Finding['state'] } : f)) });
    }
    onChanged();
  }

  if (rows.length === 0 || !kind) {
    return (
      <section class="verval-view" aria-labelledby="verval-view-title" data-testid="review-view">
        <h2 id="verval-view-title" tabIndex={-1}>
          {t('verval.tab.review')}
        </h2>
        <p class="verval-empty" data-testid="review-empty">
          {overview.run ? t('verval.counts.none') : t('verval.counts.noRun')}
        </p>
      </section>
    );
  }

  const kindLabel = (k: string) => {
    const key = kindKey(k);
    return key ? t(key) : k;
  };
  const openOfKind = rows.find((r) => r.kind === kind)?.counts.open ?? 0;

  return (
    <section class="verval-view" aria-labelledby="verval-view-title" data-testid="review-view" data-kind={kind}>
      <h2 id="verval-view-title" class="visually-hidden" tabIndex={-1}>
        {t('verval.tab.review')}
      </h2>
      <nav class="verval-kinds" aria-label={t('verval.review.kinds')}>
        <ul>
          {rows.map((row) => (
            <li key={row.kind}>
              <button
                type="button"
                class="verval-kind"
                aria-current={row.kind === kind ? 'true' : undefined}
                data-testid="kind-tab"
                data-kind={row.kind}
                data-open={row.counts.open}
                onClick={() => onKind(row.kind)}
              >
                {kindLabel(row.kind)}{' '}
                <span class="verval-count">
                  {formatNumber(row.counts.open, lang)}
                  <span class="visually-hidden"> {t('verval.review.open')}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <div class="verval-toolbar">
        <div class="field">
          <label for="review-state">{t('verval.review.state')}</label>
          <select id="review-state" value={state} data-testid="review-state" onChange={(e) => setState((e.currentTarget as HTMLSelectElement).value)}>
            {FINDING_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`verval.state.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="review-action">{t('verval.review.action')}</label>
          <select id="review-action" value={action} data-testid="review-action" onChange={(e) => setAction((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('verval.review.actionAll')}</option>
            <option value="review">{t('verval.action.review')}</option>
            <option value="automatic">{t('verval.action.automatic')}</option>
          </select>
        </div>
        {state === 'open' && openOfKind > 0 && (
          <BulkAccept
            regencyCode={regencyCode}
            period={period}
            kind={kind}
            action={action}
            openOfKind={openOfKind}
            onDone={(count) => {
              setAnnounce(t('verval.bulk.done', { count: formatNumber(count, lang), kind: kindLabel(kind) }));
              setAttempt((n) => n + 1);
              onChanged();
            }}
          />
        )}
      </div>

      <p class="verval-keys" id="review-keys" data-testid="review-keys">
        <span class="verval-keys-title">{t('verval.keys.title')}</span> <kbd>j</kbd>/<kbd>↓</kbd> {t('verval.keys.next')} ·{' '}
        <kbd>k</kbd>/<kbd>↑</kbd> {t('verval.keys.prev')} · <kbd>a</kbd> {t('verval.verdict.accept')} · <kbd>r</kbd>{' '}
        {t('verval.verdict.reject')} · <kbd>d</kbd> {t('verval.verdict.defer')} · <kbd>Enter</kbd> {t('verval.keys.save')} ·{' '}
        <kbd>Esc</kbd> {t('verval.keys.back')}
      </p>

      <p class="verval-announce" role="status" aria-live="polite" data-testid="review-status">
        {announce}
      </p>
      {running && <p class="hint">{t('verval.review.running')}</p>}

      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && items.length === 0 && (
        <p class="verval-empty" data-testid="review-none">
          {t('verval.review.none', { kind: kindLabel(kind), state: t(`verval.state.${state}` as MessageKey).toLowerCase() })}
        </p>
      )}
      {load.state === 'ready' && items.length > 0 && (
        <div class="verval-review">
          <div class="verval-list-column">
            <ol class="verval-list" aria-label={t('verval.review.list', { kind: kindLabel(kind) })} aria-describedby="review-keys" data-testid="finding-list">
              {items.map((f, i) => (
                <li key={f.id}>
                  <button
                    type="button"
                    id={`finding-item-${f.id}`}
                    class="verval-item"
                    aria-current={i === selected ? 'true' : undefined}
                    data-testid="finding-item"
                    data-finding={f.id}
                    onClick={() => select(i)}
                  >
                    <span class="verval-item-name">{f.workers[0]?.name_original || f.workers[0]?.name || `#${f.worker_id}`}</span>
                    <span class="verval-item-meta">
                      {formatPercent(f.confidence, lang)}
                      {isClusterKind(f.kind) && ` · ${t('verval.review.records', { count: formatNumber(f.workers.length, lang) })}`}
                      {f.action === 'automatic' && ` · ${t('verval.action.automatic')}`}
                      {f.state !== 'open' && ` · ${t(`verval.state.${f.state}` as MessageKey)}`}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
            {load.more && (
              <button type="button" class="button button-secondary button-small" disabled={load.loadingMore} onClick={loadMore} data-testid="load-more">
                {t('verval.review.more')}
              </button>
            )}
          </div>
          {current && (
            <FindingDetail
              key={current.id}
              regencyCode={regencyCode}
              finding={current}
              position={selected + 1}
              count={items.length}
              more={load.more}
              verdict={verdict}
              onVerdict={setVerdict}
              onDecided={(newState) => decided(current, newState)}
            />
          )}
        </div>
      )}
    </section>
  );
}
