// Names of worker fields and issue codes in the UI language. The server sends Indonesian labels
// and messages; in Indonesian we show them as sent (they can be more specific than a code), in
// English we use our own words for the codes we know and fall back to the server's text.

import { dictionaries, useI18n, type MessageKey } from '../../lib/i18n';
import { importIssuesEn } from '../../lib/messages/imports';

export interface Labels {
  field: (field: string, serverLabel?: string) => string;
  /** `field` names the field in English when the code alone does not say it (REQUIRED_MISSING). */
  issue: (code: string, serverMessage: string, field?: string | null) => string;
}

export function useLabels(): Labels {
  const { lang, t } = useI18n();
  const field = (name: string, serverLabel?: string) => {
    const key = `import.field.${name}`;
    if (key in dictionaries.id) return t(key as MessageKey);
    return serverLabel ?? name;
  };
  return {
    field,
    issue: (code, serverMessage, fieldName) => {
      if (lang !== 'en') return serverMessage || code;
      const text = importIssuesEn[code];
      if (!text) return serverMessage;
      return code === 'REQUIRED_MISSING' && fieldName ? `${text}: ${field(fieldName)}` : text;
    },
  };
}
