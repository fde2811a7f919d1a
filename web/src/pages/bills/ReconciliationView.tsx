// /program/{id}/rekonsiliasi: the BPJS invoices reconciled against the program's bills. The
// upload of a month's invoice (manage_enrolment or manage_programs; sent as written with
// X-File-Name, as the enrolment answers are), the invoices so far (GET …/invoices), and, at
// ?berkas=ID, one invoice with its differences (InvoiceDetail).

import { useEffect, useState } from 'preact/hooks';
import { FilePicker } from '../../components/FilePicker';
import { MonthField } from '../../components/MonthField';
import { LoadState } from '../../components/State';
import { listBills, listInvoices, uploadInvoice } from '../../lib/billsApi';
import { formatDateTime, formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { navigate, useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { currentPeriod, failureText } from '../verval/logic';
import { InvoiceDetail } from './InvoiceDetail';
import { INVOICE_PARAM, defaultBillMonth, invoiceOf } from './logic';
import './bills.css';

interface Props {
  regencyCode: string;
  program: Program;
  permissions: readonly string[];
}

export const invoiceHref = (programId: number, invoice: number) => `/program/${programId}/rekonsiliasi?${INVOICE_PARAM}=${invoice}`;

export function ReconciliationView({ regencyCode, program, permissions }: Props) {
  const location = useLocation();
  const invoice = invoiceOf(location.search);
  const canManage = permissions.includes('manage_enrolment') || permissions.includes('manage_programs');
  if (invoice) return <InvoiceDetail regencyCode={regencyCode} program={program} invoiceId={invoice} permissions={permissions} />;
  return (
    <div class="bills" data-testid="reconciliation" data-program={program.id}>
      {canManage && <InvoiceUpload regencyCode={regencyCode} program={program} />}
      <InvoiceList regencyCode={regencyCode} program={program} />
    </div>
  );
}

function InvoiceUpload({ regencyCode, program }: { regencyCode: string; program: Program }) {
  const { t } = useI18n();
  const [month, setMonth] = useState(() => defaultBillMonth(program.period_from, program.period_to, currentPeriod()));
  // An invoice answers a bill: until the person picks a month, the newest month billed.
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    listBills(regencyCode, program.id, controller.signal)
      .then((bills) => {
        const newest = bills.map((b) => b.period).sort().pop();
        if (newest && !touched && !controller.signal.aborted) setMonth(newest);
      })
      .catch(() => undefined); // the form still works; the server judges the month
    return () => controller.abort();
  }, [regencyCode, program.id, touched]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setStatus({ ok: false, text: t('recon.upload.noFile') });
      document.getElementById('invoice-file')?.focus();
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      const invoice = await uploadInvoice(regencyCode, program.id, month, file);
      // The invoice's own page shows the outcome; a repeated file opens the earlier result.
      navigate(invoiceHref(program.id, invoice.id) + (invoice.repeated ? '&ulang=1' : ''));
    } catch (caught) {
      setStatus({ ok: false, text: t('recon.upload.refused', { detail: failureText(caught, t('state.network')) }) });
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="invoice-upload-title" data-testid="invoice-upload">
      <header class="panel-head">
        <h2 id="invoice-upload-title">{t('recon.upload.title')}</h2>
      </header>
      <p class="hint bills-intro" id="invoice-file-hint">
        {t('recon.upload.intro')}
      </p>
      <form class="bills-form-row" onSubmit={submit} noValidate>
        <MonthField
          id="invoice-month"
          legend={t('recon.upload.month')}
          value={month}
          onChange={(next) => {
            setTouched(true);
            setMonth(next);
          }}
        />
        <div class="bills-file">
          <span id="invoice-file-label" class="enrol-label">
            {t('recon.upload.file')}
          </span>
          <FilePicker
            id="invoice-file"
            labelledBy="invoice-file-label"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            file={file}
            onFile={(chosen) => {
              setFile(chosen);
              setStatus(null);
            }}
            invalid={status?.ok === false}
            describedBy="invoice-file-hint"
            testid="invoice-file"
          />
        </div>
        <button type="submit" class="button" disabled={busy} data-testid="invoice-submit">
          {busy ? t('recon.upload.busy') : t('recon.upload.submit')}
        </button>
      </form>
      <p class={status?.ok ? 'notice' : 'form-summary'} role="status" data-testid="invoice-status" data-ok={status ? String(status.ok) : undefined}>
        {status?.text}
      </p>
    </section>
  );
}

function InvoiceList({ regencyCode, program }: { regencyCode: string; program: Program }) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => listInvoices(regencyCode, program.id, undefined, signal), [regencyCode, program.id]);
  const invoices = load.state === 'ready' ? load.data : null;
  return (
    <section class="panel" aria-labelledby="invoices-title" data-testid="invoices">
      <header class="panel-head">
        <h2 id="invoices-title">{t('recon.list.title')}</h2>
      </header>
      <LoadState load={load} onRetry={reload} />
      {invoices && invoices.length === 0 && (
        <p class="muted" data-testid="invoices-none">
          {t('recon.list.none')}
        </p>
      )}
      {invoices && invoices.length > 0 && (
        <div class="table-scroll">
          <table class="data-table" data-testid="invoice-list">
            <caption class="visually-hidden">{t('recon.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recon.list.month')}</th>
                <th scope="col">{t('recon.list.file')}</th>
                <th scope="col" class="num">
                  {t('recon.list.invoiceTotal')}
                </th>
                <th scope="col" class="num">
                  {t('recon.list.billTotal')}
                </th>
                <th scope="col" class="num">
                  {t('recon.list.open')}
                </th>
                <th scope="col" class="num">
                  {t('recon.list.resolved')}
                </th>
                <th scope="col">{t('recon.list.when')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((i) => (
                <tr key={i.id} data-testid="invoice-row" data-invoice={i.id}>
                  <th scope="row">{formatMonth(i.period, lang)}</th>
                  <td>
                    <a href={invoiceHref(program.id, i.id)} aria-label={t('recon.list.view', { file: i.file_name })} data-testid="invoice-open">
                      {i.file_name}
                    </a>
                  </td>
                  <td class="num">{formatRupiah(i.invoice_total)}</td>
                  <td class="num">{formatRupiah(i.bill_total)}</td>
                  <td class={`num${i.open > 0 ? ' bills-warn' : ''}`} data-testid="invoice-row-open" data-value={i.open}>
                    {formatNumber(i.open, lang)}
                  </td>
                  <td class="num">{formatNumber(i.resolved, lang)}</td>
                  <td>{formatDateTime(i.created_at, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
