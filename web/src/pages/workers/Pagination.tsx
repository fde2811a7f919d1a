// Previous / "page 2 of 14" / next and the page size under the worker list. Page links are
// addresses (Back returns to the previous page); a list counted only up to a bound says "more
// than" and offers "next" while the last page was full.

import type { WorkerList, WorkerQuery } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { PAGE_SIZES, workersHref } from './logic';

interface Props {
  data: WorkerList;
  query: WorkerQuery;
  pages: number;
  more: boolean;
  hasNext: boolean;
  onPageSize: (size: number) => void;
}

export function Pagination({ data, query, pages, more, hasNext, onPageSize }: Props) {
  const { lang, t } = useI18n();
  return (
    <nav class="pagination" aria-label={t('workers.pagination')}>
      {data.page > 1 ? (
        <a class="button button-secondary" href={workersHref({ ...query, page: data.page - 1 })} rel="prev" data-testid="page-prev">
          {t('workers.previous')}
        </a>
      ) : (
        <span class="button button-secondary button-disabled" aria-disabled="true">
          {t('workers.previous')}
        </span>
      )}
      <span class="page-of">
        {t(more ? 'workers.pageOfMore' : 'workers.pageOf', {
          page: formatNumber(data.page, lang),
          pages: formatNumber(pages, lang),
        })}
      </span>
      {hasNext ? (
        <a class="button button-secondary" href={workersHref({ ...query, page: data.page + 1 })} rel="next" data-testid="page-next">
          {t('workers.next')}
        </a>
      ) : (
        <span class="button button-secondary button-disabled" aria-disabled="true">
          {t('workers.next')}
        </span>
      )}
      <label class="page-size">
        {t('workers.pageSize')}{' '}
        <select value={String(query.page_size)} onChange={(e) => onPageSize(Number((e.currentTarget as HTMLSelectElement).value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={String(size)}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
