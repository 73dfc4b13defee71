// The messages module: t(id, params) looks a string up in the active locale's
// table (falling back to English) and fills {placeholders}. Money and dates
// are formatted with Intl for the same locale. To add a language, add a file
// like en.ts typed as Messages and register it in `locales`.
import { en, type MessageId } from './en';

export type { MessageId };
export type Messages = Record<MessageId, string>;

const locales: Record<string, Partial<Messages>> = { en };

function pickLocale(): string {
  const stored = localStorage.getItem('shrimp.locale');
  if (stored && locales[stored]) return stored;
  for (const tag of navigator.languages ?? []) {
    const base = tag.split('-')[0];
    if (locales[tag]) return tag;
    if (locales[base]) return base;
  }
  return 'en';
}

export const locale = pickLocale();
const table = locales[locale];
document.documentElement.lang = locale;

export type Params = Record<string, string | number>;

export function t(id: MessageId, params?: Params): string {
  // An unknown id (a server enum the messages do not name yet) reads as itself.
  const template: string = table[id] ?? en[id] ?? id;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const pluralRules = new Intl.PluralRules(locale);

// Messages that depend on a count have one id per plural category of the
// locale ("cart.items.one", "cart.items.other"); English needs two, other
// languages more or fewer. Falls back to ".other".
export function plural(base: string, count: number, params?: Params): string {
  const category = pluralRules.select(count);
  const id = (base + '.' + category) as MessageId;
  const other = (base + '.other') as MessageId;
  return t(id in en || table[id] ? id : other, { count, ...params });
}

export type Money = { amount: number; currency: string };

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

// Digits after the decimal point for a currency (2 for CNY, 0 for JPY).
export function minorDigits(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

// Money travels in minor units; it is shown in major units.
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  return moneyFormat(money.currency).format(money.amount / 10 ** digits);
}

// Parses what a person typed ("12.50") into minor units, or null if it is not
// a non-negative amount with at most the currency's decimals. Integer
// arithmetic on the digits: never round through a float.
export function parseMoney(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^\s*(\d{1,12})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(new Date(iso)) : '';
}

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : '';
}
