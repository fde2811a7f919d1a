// Previous / "page 2 of 14" / next under a list cut into pages on the client (a bill's lines,
// an invoice's differences, the arrears). Buttons, not links: the page is part of the view.

import { useI18n } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';

interface Props {
  page: number;
  /** Pages known to exist; with `hasNext` the list may go on (server paging). */
  pages: number;
  hasNext?: boolean;
  onPage: (page: number) => void;
  testid: string;
}

export function Pager({ page, pages, hasNext, onPage, testid }: Props) {
  const { lang, t } = useI18n();
  const next = hasNext ?? page < pages;
  if (page <= 1 && !next) return null;
  return (
    <nav class="pagination" aria-label={t('bill.pager.label')} data-testid={testid}>
      <button type="button" class="button button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid={`${testid}-prev`}>
        {t('bill.pager.previous')}
      </button>
      <span data-testid={`${testid}-page`}>{t('bill.pager.page', { page: formatNumber(page, lang), pages: formatNumber(Math.max(pages, page), lang) })}</span>
      <button type="button" class="button button-secondary" disabled={!next} onClick={() => onPage(page + 1)} data-testid={`${testid}-next`}>
        {t('bill.pager.next')}
      </button>
    </nav>
  );
}
