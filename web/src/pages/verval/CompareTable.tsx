// The records of a finding side by side: one column per record (a cluster's proposed survivor
// first; a worker beside its extract row), one row per field. A value that differs from the first
// column's is marked by colour, a "≠" sign and (for screen readers) the word "berbeda"; one
// missing on a side is marked likewise, so that colour is never the only sign.

import { WORKER_STATUSES } from '../../lib/api';
import { formatOptionalDate } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { compareColumns, isClusterKind, type Column, type CompareRow } from './logic';

interface Props {
  columns: Column[];
  kind: string;
}

export function CompareTable({ columns, kind }: Props) {
  const { t } = useI18n();
  const rows = compareColumns(columns);
  const villageNames = new Map<string, string>();
  for (const c of columns) if (c.type === 'worker' && c.record.village_name) villageNames.set(c.record.village_code, c.record.village_name);

  const heading = (column: Column, index: number) => {
    if (column.type === 'extract') {
      return t(column.row.kind === 'deaths' ? 'verval.column.deaths' : 'verval.column.members', { row: column.row.row_key || String(column.row.id) });
    }
    if (isClusterKind(kind)) {
      return index === 0 ? t('verval.column.survivor', { id: column.record.id }) : t('verval.column.record', { n: index + 1, id: column.record.id });
    }
    return t('verval.column.worker', { id: column.record.id });
  };

  return (
    <div class="table-scroll">
      <table class="data-table verval-compare" data-testid="compare">
        <caption>{t('verval.compare.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('verval.compare.field')}</th>
            {columns.map((c, i) => (
              <th scope="col" key={i} data-testid="compare-column" data-type={c.type}>
                {heading(c, i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-field={row.field} data-differs={String(row.differs.some(Boolean))}>
              <th scope="row">{t(row.label)}</th>
              {row.values.map((value, i) => (
                <Cell key={i} row={row} index={i} value={value} villageNames={villageNames} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ row, index, value, villageNames }: { row: CompareRow; index: number; value: string; villageNames: Map<string, string> }) {
  const { lang, t } = useI18n();
  const differs = row.differs[index];
  const missing = row.missing[index];
  const cls = differs ? 'verval-diff' : missing ? 'verval-missing' : undefined;
  return (
    <td class={cls} data-testid={differs ? 'diff-cell' : undefined}>
      {value.trim() === '' ? <span class="change-empty">{t('worker.empty')}</span> : <Value field={row.field} value={value} villageNames={villageNames} lang={lang} />}
      {differs && (
        <span class="verval-diff-mark">
          <span aria-hidden="true"> ≠</span>
          <span class="visually-hidden"> ({t('verval.compare.differs')})</span>
        </span>
      )}
      {missing && <span class="visually-hidden"> ({t('verval.compare.missing')})</span>}
    </td>
  );
}

function Value({ field, value, villageNames, lang }: { field: string; value: string; villageNames: Map<string, string>; lang: 'id' | 'en' }) {
  const { t } = useI18n();
  switch (field) {
    case 'nik':
    case 'kk':
    case 'kpj':
      return <span class="nik">{value}</span>;
    case 'birth_date':
    case 'death_date':
      return <>{formatOptionalDate(value, lang)}</>;
    case 'sex':
      return <>{value === 'L' || value === 'P' ? t(`sex.${value}` as MessageKey) : value}</>;
    case 'status': {
      const known = (WORKER_STATUSES as readonly string[]).includes(value);
      return <>{known ? t(`status.${value}` as MessageKey) : value}</>;
    }
    case 'segment':
      return <>{value === 'PU' ? t('verval.segment.PU') : value === 'BPU' ? t('verval.segment.BPU') : value}</>;
    case 'village': {
      const name = villageNames.get(value);
      return name ? (
        <>
          {name} <span class="muted">({value})</span>
        </>
      ) : (
        <>{value}</>
      );
    }
    default:
      return <>{value}</>;
  }
}
