// The sign-in page, shown whenever GET /api/v1/session answers 401. Errors are announced
// (role="alert") in the UI language; the server's throttle (429) is shown with its wait.

import { useState } from 'preact/hooks';
import { ApiError, signIn, type Session } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError(t('signin.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(username.trim(), password));
    } catch (caught) {
      setPassword('');
      if (caught instanceof ApiError && caught.status === 401) {
        setError(t('signin.invalid'));
      } else if (caught instanceof ApiError && caught.status === 429) {
        setError(t('signin.throttled', { seconds: caught.retryAfter ?? 60 }));
      } else if (caught instanceof ApiError && caught.status === 0) {
        setError(t('state.network'));
      } else {
        setError(t('signin.failed', { detail: caught instanceof Error ? caught.message : String(caught) }));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="signin" aria-labelledby="signin-title" data-testid="signin">
      <h1 id="signin-title">{t('signin.title')}</h1>
      <p class="signin-intro">{t('signin.intro')}</p>
      <form class="signin-form" onSubmit={submit} noValidate>
        <label for="signin-username">{t('signin.username')}</label>
        <input
          id="signin-username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          value={username}
          data-testid="signin-username"
          onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)}
        />
        <label for="signin-password">{t('signin.password')}</label>
        <input
          id="signin-password"
          name="password"
          type="password"
          autocomplete="current-password"
          value={password}
          data-testid="signin-password"
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="signin-error" role="alert" data-testid="signin-error">
          {error}
        </div>
        <button type="submit" class="button" disabled={busy} data-testid="signin-submit">
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
      </form>
    </section>
  );
}
