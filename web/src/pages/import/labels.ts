// Names of worker fields and issue codes in the UI language. The server sends Indonesian labels
// and messages; in Indonesian we show them as sent (they can be more specific than a code), in
// English we use our own words for the codes we know and fall back to the server's text.

import { dictionaries, useI18n, type MessageKey } from '../../lib/i18n';
import { importIssuesEn } from '../../lib/messages/imports';

export interface Labels {
  field: (field: string, serverLabel?: string) => string;
  issue: (code: string, serverMessage: string) => string;
}

export function useLabels(): Labels {
  const { lang, t } = useI18n();
  return {
    field: (field, serverLabel) => {
      const key = `import.field.${field}`;
      if (key in dictionaries.id) return t(key as MessageKey);
      return serverLabel ?? field;
    },
    issue: (code, serverMessage) =>
      lang === 'en' ? (importIssuesEn[code] ?? serverMessage) : serverMessage || code,
  };
}
