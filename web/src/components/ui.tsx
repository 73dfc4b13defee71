// Small display pieces shared by pages.
import { ReputationLine } from './reputation';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiError } from '../api';
import { formatDateTime, formatMoney, plural, t, type MessageId } from '../i18n';
import { Link, hasNavigated } from '../router';
import type { Money, Order, Product, Shop } from '../types';
import { Button } from './form';

// The page's heading. It takes focus when the page changes in the app so a
// screen reader announces the new page (not on the first load, where the
// browser's own focus order starts with the skip link), and it sets the
// document title.
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
    if (hasNavigated()) heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
}

export function Loading({ label }: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </div>
  );
}

export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div class="error-box" role="alert">
      <p>{error.message}</p>
      {retry && (
        <Button variant="secondary" onClick={retry}>
          {t('app.retry')}
        </Button>
      )}
    </div>
  );
}

// Renders the children once `data` is loaded, a spinner or the error before.
export function Loaded<T>({
  resource,
  children,
}: {
  resource: { data: T | undefined; error: ApiError | undefined; loading: boolean; reload: () => void };
  children: (data: T) => ComponentChildren;
}) {
  if (resource.error) return <LoadError error={resource.error} retry={resource.reload} />;
  if (resource.data === undefined) return <Loading />;
  return <>{children(resource.data)}</>;
}

export function MoneyText({ money }: { money: Money | null | undefined }) {
  return <span class="money">{formatMoney(money)}</span>;
}

export function statusLabel(status: string): string {
  return enumLabel('status', status);
}

// A readable name for a server enum ("status.paid", "kind.top_up"), or the
// raw value when the messages do not know it yet.
export function enumLabel(prefix: 'status' | 'kind' | 'tracking.status' | 'tracking.event' | 'tracking.service', value: string): string {
  const id = (prefix + '.' + value) as MessageId;
  const text = t(id);
  return text === id || !text ? value : text;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={'badge badge-' + status}>{statusLabel(status)}</span>;
}

export function TestModeBadge() {
  return (
    <span class="badge badge-test" title={t('app.test_mode_hint')}>
      {t('app.test_mode')}
    </span>
  );
}

export function Attrs({ attrs }: { attrs: Record<string, string> }) {
  const entries = Object.entries(attrs ?? {});
  if (entries.length === 0) return null;
  return <span class="attrs">{entries.map(([key, value]) => `${key}: ${value}`).join(' · ')}</span>;
}

export function Timeline({ order }: { order: Order }) {
  return (
    <ol class="timeline" aria-label={t('orders.timeline')}>
      {order.timeline.map((step, index) => (
        <li key={index} class={index === order.timeline.length - 1 ? 'current' : ''}>
          <span class="timeline-status">{statusLabel(step.status)}</span>{' '}
          <time dateTime={step.at}>{formatDateTime(step.at)}</time>
        </li>
      ))}
    </ol>
  );
}

export function ProductCard({ product }: { product: Product }) {
  const image = product.images?.[0];
  return (
    <li class="card product-card">
      <Link href={`/products/${product.id}`} class="product-card-link">
        {image ? (
          <img src={image.url} alt="" loading="lazy" width={320} height={240} />
        ) : (
          <div class="image-placeholder" aria-hidden="true">
            {product.title.slice(0, 1)}
          </div>
        )}
        <span class="product-card-title">{product.title}</span>
      </Link>
      <span class="product-card-price">
        {product.price_min && t('products.from', { price: formatMoney(product.price_min) })}
      </span>
      <span class="product-card-shop">
        {product.shop?.name} · {product.shop?.city}
      </span>
    </li>
  );
}

export function ShopCard({ shop, heading = 'h3' }: { shop: Shop; heading?: 'h2' | 'h3' }) {
  const Heading = heading;
  return (
    <div class="card shop-card">
      <Heading>
        <Link href={`/shops/${shop.id}`}>{shop.name}</Link>
      </Heading>
      <p class="muted">{t('shop.located', { city: shop.city, country: shop.country })}</p>
      {shop.product_count !== undefined && (
        <p class="muted">{plural('shop.product_count', shop.product_count)}</p>
      )}
      <ReputationLine reputation={shop.reputation} />
      {shop.description && <p>{shop.description}</p>}
    </div>
  );
}
