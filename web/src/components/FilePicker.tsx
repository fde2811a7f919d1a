// A file field that speaks the UI's language: a "Pilih berkas" button and the chosen file's name
// beside it ("Belum ada berkas dipilih" before). The browser's own file field stays underneath,
// hidden from sight but focusable and labelled (keyboard use, screen readers, drag and drop onto
// it); its own button would speak the browser's language ("Choose File", "No file chosen").

import { useI18n } from '../lib/i18n';

interface Props {
  id: string;
  /** The id of the element that names the field (its visible label). */
  labelledBy: string;
  accept: string;
  file: File | null;
  onFile: (file: File | null) => void;
  invalid?: boolean;
  describedBy?: string;
  testid?: string;
}

export function FilePicker({ id, labelledBy, accept, file, onFile, invalid, describedBy, testid }: Props) {
  const { t } = useI18n();
  return (
    <div class="file-picker">
      <input
        id={id}
        class="file-picker-input"
        type="file"
        accept={accept}
        aria-labelledby={labelledBy}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        data-testid={testid}
        onChange={(e) => onFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
      />
      {/* A second label of the same field: clicking it opens the browser's file chooser. */}
      <label for={id} class="button button-secondary button-small file-picker-button" aria-hidden="true">
        {t('file.choose')}
      </label>
      <span class={`file-picker-name${file ? '' : ' muted'}`} data-testid={testid ? `${testid}-name` : undefined}>
        {file ? file.name : t('file.none')}
      </span>
    </div>
  );
}
