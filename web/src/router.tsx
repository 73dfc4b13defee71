// History routing: real paths (/products/12) that the server answers with
// index.html. Links are plain <a href> so they work with the keyboard, open in
// new tabs, and show their target; a click is intercepted to avoid a reload.
import type { AnchorHTMLAttributes, ComponentChildren, TargetedMouseEvent } from 'preact';
import { createStore } from './store';

interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export const location = createStore<Location>(current());

// Client-side page changes so far; 0 on the page the browser loaded.
let navigations = 0;
export function hasNavigated(): boolean {
  return navigations > 0;
}

window.addEventListener('popstate', () => {
  navigations += 1;
  location.set(current());
});

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  navigations += 1;
  location.set(current());
}

export function useLocation(): Location {
  return location.use();
}

// Matches "/products/:id" against a path; returns the params or null.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const part = patternParts[i];
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(pathParts[i]);
    else if (part !== pathParts[i]) return null;
  }
  return params;
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

export function Link({ href, onClick, ...rest }: AnchorProps) {
  const handle = (event: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (onClick) (onClick as (e: typeof event) => void)(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

// The login page to return to the current page afterwards.
export function loginHref(): string {
  const here = window.location.pathname + window.location.search;
  return '/login?next=' + encodeURIComponent(here);
}
