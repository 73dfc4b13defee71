// The logged-in session, kept in localStorage so a reload stays logged in,
// and the cart badge count.
import { createStore } from './store';
import type { Session, User } from './types';

const kSessionKey = 'shrimp.session';

function load(): Session | null {
  try {
    const stored = JSON.parse(localStorage.getItem(kSessionKey) ?? 'null') as Session | null;
    if (stored && new Date(stored.expires_at).getTime() > Date.now()) return stored;
  } catch {
    // A corrupt entry is the same as none.
  }
  return null;
}

export const session = createStore<Session | null>(load());

export function saveSession(next: Session | null): void {
  if (next) localStorage.setItem(kSessionKey, JSON.stringify(next));
  else localStorage.removeItem(kSessionKey);
  session.set(next);
}

export function updateUser(user: User): void {
  const current = session.get();
  if (current) saveSession({ ...current, user });
}

// Items in the cart, for the header badge; null until first known.
export const cartCount = createStore<number | null>(null);
