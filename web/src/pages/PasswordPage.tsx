// Changing one's own password (POST /api/v1/session/password). `forced`: the account was given
// its password by an administrator (must_change_password), so this form comes before anything
// else and the app continues only once it succeeds.

import { useRef, useState } from 'preact/hooks';
import { ApiError, changePassword } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function PasswordPage({ forced, onChanged }: { forced: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const firstRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    if (current === '' || next === '' || confirm === '') {
      setError(t('password.required'));
      return;
    }
    if (next !== confirm) {
      setError(t('password.mismatch'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      onChanged();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 403 && caught.problem.code !== 'CSRF_TOKEN_INVALID') {
        setError(t('password.wrong'));
        setCurrent('');
        firstRef.current?.focus();
      } else if (caught instanceof ApiError && caught.status === 0) {
        setError(t('state.network'));
      } else {
        setError(t('password.failed', { detail: caught instanceof Error ? caught.message : String(caught) }));
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (id: string, label: string, value: string, set: (v: string) => void, autocomplete: string) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="password"
        autocomplete={autocomplete}
        value={value}
        ref={id === 'password-current' ? firstRef : undefined}
        aria-describedby={id === 'password-new' ? 'password-hint' : undefined}
        data-testid={id}
        onInput={(e) => set((e.currentTarget as HTMLInputElement).value)}
      />
    </>
  );

  return (
    <section class="signin" aria-labelledby="password-title" data-testid="password-page">
      <h1 id="password-title">{t('password.title')}</h1>
      {forced && <p class="signin-intro" data-testid="password-forced">{t('password.forced')}</p>}
      <form class="signin-form" onSubmit={submit} noValidate>
        {field('password-current', t('password.current'), current, setCurrent, 'current-password')}
        {field('password-new', t('password.new'), next, setNext, 'new-password')}
        <p id="password-hint" class="hint">
          {t('password.hint')}
        </p>
        {field('password-confirm', t('password.confirm'), confirm, setConfirm, 'new-password')}
        <div class="signin-error" role="alert" data-testid="password-error">
          {error}
        </div>
        <div class="notice" role="status" data-testid="password-done">
          {done ? t('password.done') : ''}
        </div>
        <button type="submit" class="button" disabled={busy} data-testid="password-submit">
          {busy ? t('password.busy') : t('password.submit')}
        </button>
      </form>
    </section>
  );
}
