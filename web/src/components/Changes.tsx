// What an audited change did, readable: one line per field that differs, "before → after", with
// field names in the UI language. Used by the worker history and the audit view.

import { formatOptionalDate } from '../lib/format';
import { dictionaries, useI18n, type MessageKey } from '../lib/i18n';

type Values = Record<string, unknown> | null;

/** The keys whose values differ between before and after, in a stable order (before's first). */
export function changedKeys(before: Values, after: Values): string[] {
  const keys = [...Object.keys(before ?? {}), ...Object.keys(after ?? {})];
  const unique = [...new Set(keys)];
  if (!before || !after) return unique;
  return unique.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function fieldLabel(key: string, t: (k: MessageKey) => string): string {
  const messageKey = `field.${key}` as MessageKey;
  return messageKey in dictionaries.id ? t(messageKey) : key;
}

function Value({ value }: { value: unknown }) {
  const { lang, t } = useI18n();
  if (value === undefined || value === null || value === '') return <span class="change-empty">{t('worker.empty')}</span>;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{formatOptionalDate(value, lang)}</>;
  if (typeof value === 'string') return <>{value}</>;
  return <>{JSON.stringify(value)}</>;
}

export function Changes({ before, after }: { before: Values; after: Values }) {
  const { t } = useI18n();
  const keys = changedKeys(before, after);
  if (keys.length === 0) return <span class="change-empty">–</span>;
  return (
    <ul class="changes">
      {keys.map((key) => (
        <li key={key}>
          <span class="change-field">{fieldLabel(key, t)}:</span>{' '}
          {before && (
            <>
              <span class="change-before">
                <Value value={before[key]} />
              </span>{' '}
              <span aria-hidden="true">→</span>
              <span class="visually-hidden">{t('change.to')}</span>{' '}
            </>
          )}
          <span class="change-after">{after ? <Value value={after[key]} /> : <span class="change-empty">{t('worker.empty')}</span>}</span>
        </li>
      ))}
    </ul>
  );
}
