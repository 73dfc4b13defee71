// Sign-up and log-in. After either, the user goes back where they came from
// (?next=), which is how pages that need a session send people here.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, TextField } from '../components/form';
import { PageTitle } from '../components/ui';
import { fieldError, formError, useAction } from '../hooks';
import { t } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { saveSession } from '../session';
import type { Session } from '../types';

// Only same-site paths: ?next= must not send anyone to another site.
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function AuthPage() {
  const { path, query } = useLocation();
  const signingUp = path === '/signup';
  const next = safeNext(query.get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = useAction(async () => {
    if (signingUp) await api.post('/api/v1/users', { email, password, name });
    const created = await api.post<Session>('/api/v1/sessions', { email, password });
    saveSession(created);
    navigate(next, { replace: true });
  });
  const fields = ['name', 'email', 'password'];
  const title = signingUp ? t('auth.signup_title') : t('auth.login_title');
  const otherHref = (signingUp ? '/login' : '/signup') + (next !== '/' ? '?next=' + encodeURIComponent(next) : '');
  return (
    <section class="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          submit.run();
        }}
        noValidate={false}
      >
        {signingUp && (
          <TextField
            label={t('auth.name')}
            name="name"
            autoComplete="name"
            required
            value={name}
            onValue={setName}
            error={fieldError(submit.error, 'name')}
          />
        )}
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onValue={setEmail}
          error={fieldError(submit.error, 'email')}
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete={signingUp ? 'new-password' : 'current-password'}
          required
          hint={signingUp ? t('auth.password_hint') : undefined}
          value={password}
          onValue={setPassword}
          error={fieldError(submit.error, 'password')}
        />
        <ErrorText error={formError(submit.error, fields)} />
        <Button type="submit" busy={submit.busy}>
          {signingUp ? t('auth.signup_submit') : t('auth.login_submit')}
        </Button>
      </form>
      <p>
        {signingUp ? t('auth.have_account') : t('auth.no_account')}{' '}
        <Link href={otherHref}>{signingUp ? t('nav.login') : t('nav.signup')}</Link>
      </p>
    </section>
  );
}

// Shown in place of a page that needs a session.
export function RequireLogin() {
  const here = window.location.pathname + window.location.search;
  return (
    <section class="narrow">
      <PageTitle title={t('nav.login')}>{t('nav.login')}</PageTitle>
      <p>{t('auth.required')}</p>
      <p class="row">
        <Link class="button button-primary" href={'/login?next=' + encodeURIComponent(here)}>
          {t('nav.login')}
        </Link>
        <Link class="button button-secondary" href={'/signup?next=' + encodeURIComponent(here)}>
          {t('nav.signup')}
        </Link>
      </p>
    </section>
  );
}
