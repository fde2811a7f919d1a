// One reconciled BPJS invoice (/program/{id}/rekonsiliasi?berkas=ID): what it was matched
// against, its differences counted by kind, open and settled, and its lines filtered by kind and
// state (GET …/invoices/{id}/lines, 50 to a page from the server), each open one settled with a
// reason (ReasonForm), and the CSV of the lines (view_workers).

import { Fragment } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { ErrorState, LoadState, Loading } from '../../components/State';
import { INVOICE_KINDS, getInvoice, invoiceCsvUrl, listInvoiceLines, resolveInvoiceLine, type Invoice, type InvoiceLine } from '../../lib/billsApi';
import { formatDateTime, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { Figures } from '../enrolment/Figures';
import { codeKey } from './logic';
import { Pager } from './Pager';
import { ReasonForm } from './ReasonForm';

const LINES_PER_PAGE = 50;

interface Props {
  regencyCode: string;
  program: Program;
  invoiceId: number;
  permissions: readonly string[];
}

export function InvoiceDetail({ regencyCode, program, invoiceId, permissions }: Props) {
  const { t } = useI18n();
  const location = useLocation();
  const repeated = new URLSearchParams(location.search).get('ulang') === '1';
  // Bumped after a line is settled: the counts and the lines are read again.
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const [load, reload] = useLoad((signal) => getInvoice(regencyCode, invoiceId, signal), [regencyCode, invoiceId, version], true);
  const resolved = useCallback(
    (line: InvoiceLine) => {
      setNotice(t('recon.resolve.done', { line: line.line_no }));
      setVersion((n) => n + 1);
    },
    [t],
  );
  return (
    <div class="bills" data-testid="invoice-detail" data-invoice={invoiceId}>
      <p class="back">
        <a href={`/program/${program.id}/rekonsiliasi`} data-testid="invoice-back">
          <span aria-hidden="true">← </span>
          {t('recon.detail.back')}
        </a>
      </p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={reload} />}
      {load.state === 'ready' && (
        <>
          <InvoiceFacts invoice={load.data} repeated={repeated} regencyCode={regencyCode} canExport={permissions.includes('view_workers')} />
          <p class="notice" role="status" data-testid="resolve-notice">
            {notice}
          </p>
          <InvoiceLines
            regencyCode={regencyCode}
            invoice={load.data}
            version={version}
            canResolve={permissions.includes('manage_enrolment') || permissions.includes('manage_programs')}
            onResolved={resolved}
          />
        </>
      )}
    </div>
  );
}

function InvoiceFacts({ invoice, repeated, regencyCode, canExport }: { invoice: Invoice; repeated: boolean; regencyCode: string; canExport: boolean }) {
  const { lang, t } = useI18n();
  const figures = INVOICE_KINDS.map((kind) => ({
    key: kind,
    label: t(codeKey('recon.kind.', kind) ?? 'recon.filter.all'),
    value: invoice.lines[kind] ?? 0,
    tone: 'warn' as const,
  }));
  const difference = invoice.invoice_total - invoice.bill_total;
  return (
    <section class="panel" aria-labelledby="invoice-title" data-testid="invoice" data-open={invoice.open} data-resolved={invoice.resolved}>
      <header class="panel-head bills-head">
        <h2 id="invoice-title">{t('recon.detail.title', { month: formatMonth(invoice.period, lang) })}</h2>
        {canExport && (
          <a class="button button-secondary" href={invoiceCsvUrl(regencyCode, invoice.id)} download data-testid="invoice-csv">
            {t('recon.detail.csv')}
          </a>
        )}
      </header>
      {repeated && (
        <p class="notice" data-testid="invoice-repeated">
          {t('recon.upload.repeated', { file: invoice.file_name })}
        </p>
      )}
      <p class="muted" data-testid="invoice-file-facts">
        {t('recon.detail.file', { file: invoice.file_name, actor: invoice.actor, when: formatDateTime(invoice.created_at, lang) })}
      </p>
      <p data-testid="invoice-against">
        {t('recon.detail.against', {
          month: formatMonth(invoice.period, lang),
          version: invoice.bill_version,
          workers: formatNumber(invoice.bill_workers, lang),
          total: formatRupiah(invoice.bill_total),
        })}{' '}
        {t('recon.detail.invoice', { lines: formatNumber(invoice.invoice_lines, lang), total: formatRupiah(invoice.invoice_total) })}{' '}
        <strong data-testid="invoice-difference" data-value={difference}>
          {t('recon.detail.difference', { amount: formatRupiah(difference) })}
        </strong>
      </p>
      <h3 class="bills-sub">{t('recon.detail.counts')}</h3>
      <Figures items={figures} prefix="invoice-kinds" label={t('recon.detail.counts')} />
      <Figures
        items={[
          { key: 'open', label: t('recon.detail.open'), value: invoice.open, tone: 'warn' },
          { key: 'resolved', label: t('recon.detail.resolved'), value: invoice.resolved, tone: 'main' },
        ]}
        prefix="invoice-states"
      />
      {invoice.open + invoice.resolved === 0 && (
        <p class="notice" data-testid="invoice-clear">
          {t('recon.detail.allClear')}
        </p>
      )}
    </section>
  );
}

interface LinesProps {
  regencyCode: string;
  invoice: Invoice;
  version: number;
  canResolve: boolean;
  onResolved: (line: InvoiceLine) => void;
}

function InvoiceLines({ regencyCode, invoice, version, canResolve, onResolved }: LinesProps) {
  const { lang, t } = useI18n();
  const [kind, setKind] = useState('');
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<number | null>(null);
  // The lines carry the filter they were read with: while another filter is read, the rows on
  // screen (kept, no flash of "loading") still say which filter they answer.
  const [load, reload] = useLoad(
    async (signal) => ({
      filter: { kind, state, page },
      items: await listInvoiceLines(regencyCode, invoice.id, { kind, state, offset: (page - 1) * LINES_PER_PAGE, limit: LINES_PER_PAGE }, signal),
    }),
    [regencyCode, invoice.id, kind, state, page, version],
    true,
  );
  const shown = load.state === 'ready' ? load.data : null;
  const lines = shown ? shown.items : null;
  const from = shown ? (shown.filter.page - 1) * LINES_PER_PAGE + 1 : 1;
  const kindLabel = (code: string) => {
    const key = codeKey('recon.kind.', code);
    return key ? t(key) : code;
  };
  const amount = (value: number | null) => (value === null ? '–' : formatRupiah(value));
  return (
    <section class="panel" aria-labelledby="invoice-lines-title" data-testid="invoice-lines-panel">
      <header class="panel-head">
        <h2 id="invoice-lines-title">{t('recon.filter.label')}</h2>
      </header>
      <div class="bills-form-row" role="group" aria-labelledby="invoice-lines-title">
        <div class="field">
          <label for="line-kind">{t('recon.filter.kind')}</label>
          <select
            id="line-kind"
            value={kind}
            data-testid="line-kind-filter"
            onChange={(e) => {
              setKind((e.target as HTMLSelectElement).value);
              setPage(1);
            }}
          >
            <option value="">{t('recon.filter.all')}</option>
            {INVOICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)} ({formatNumber(invoice.lines[k] ?? 0, lang)})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="line-state">{t('recon.filter.state')}</label>
          <select
            id="line-state"
            value={state}
            data-testid="line-state-filter"
            onChange={(e) => {
              setState((e.target as HTMLSelectElement).value);
              setPage(1);
            }}
          >
            <option value="">{t('recon.filter.all')}</option>
            <option value="open">{t('recon.state.open')}</option>
            <option value="resolved">{t('recon.state.resolved')}</option>
          </select>
        </div>
      </div>
      <LoadState load={load} onRetry={reload} />
      {lines && lines.length === 0 && (
        <p class="muted" data-testid="invoice-lines-none">
          {t('recon.lines.none')}
        </p>
      )}
      {lines && lines.length > 0 && (
        <div class="table-scroll">
          <table class="data-table bills-lines" data-testid="invoice-lines" data-kind={shown?.filter.kind} data-state={shown?.filter.state}>
            <caption>{t('recon.lines.caption', { from: formatNumber(from, lang), to: formatNumber(from + lines.length - 1, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('recon.lines.line')}
                </th>
                <th scope="col">{t('recon.lines.kind')}</th>
                <th scope="col">{t('recon.lines.nik')}</th>
                <th scope="col">{t('recon.lines.name')}</th>
                <th scope="col">{t('recon.lines.kpj')}</th>
                <th scope="col" class="num">
                  {t('recon.lines.billed')}
                </th>
                <th scope="col" class="num">
                  {t('recon.lines.expected')}
                </th>
                <th scope="col">{t('recon.lines.state')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <Fragment key={l.line_no}>
                  <tr data-testid="invoice-line" data-line={l.line_no} data-kind={l.kind} data-state={l.state}>
                    <td class="num">{formatNumber(l.line_no, lang)}</td>
                    <th scope="row" class={`bills-kind bills-kind-${l.kind}`} data-testid="invoice-line-kind">
                      {kindLabel(l.kind)}
                    </th>
                    <td class="nik">{l.nik || '–'}</td>
                    <td>{l.worker_id && l.name ? <a href={`/pekerja/${l.worker_id}`}>{l.name}</a> : (l.name ?? '–')}</td>
                    <td class="nik">{l.kpj || '–'}</td>
                    <td class="num" data-testid="invoice-line-billed" data-value={l.billed ?? ''}>
                      {amount(l.billed)}
                    </td>
                    <td class="num" data-testid="invoice-line-expected" data-value={l.expected ?? ''}>
                      {amount(l.expected)}
                    </td>
                    <td data-testid="invoice-line-state">
                      {l.state === 'resolved' ? (
                        <span class="bills-state bills-state-resolved">
                          {t('recon.state.resolved')}: {t('recon.lines.resolvedBy', { reason: l.reason ?? '', actor: l.resolved_by ?? '', when: l.resolved_at ? formatDateTime(l.resolved_at, lang) : '' })}
                        </span>
                      ) : canResolve && resolving !== l.line_no ? (
                        <button
                          type="button"
                          class="button button-secondary"
                          aria-label={t('recon.resolve.openLabel', { line: l.line_no })}
                          data-testid="resolve-open"
                          onClick={() => setResolving(l.line_no)}
                        >
                          {t('recon.resolve.open')}
                        </button>
                      ) : (
                        <span class="bills-state bills-state-open">{t('recon.state.open')}</span>
                      )}
                    </td>
                  </tr>
                  {resolving === l.line_no && (
                    <tr class="bills-resolve-row">
                      <td colSpan={8}>
                        <ReasonForm
                          id={`resolve-${l.line_no}`}
                          label={t('recon.resolve.reason', { line: l.line_no })}
                          hint={t('recon.resolve.hint')}
                          submit={t('recon.resolve.submit')}
                          onCancel={() => setResolving(null)}
                          onSubmit={async (reason) => {
                            const line = await resolveInvoiceLine(regencyCode, invoice.id, l.line_no, reason);
                            setResolving(null);
                            onResolved(line);
                          }}
                          testid="resolve"
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {lines && <Pager page={page} pages={page} hasNext={lines.length === LINES_PER_PAGE} onPage={setPage} testid="invoice-lines-pager" />}
    </section>
  );
}
