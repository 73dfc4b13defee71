// Product listing: search and filters (category, city, price) and sorting,
// all kept in the URL so a result can be shared, bookmarked and gone back to.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api';
import { Button, ErrorText, SelectField, TextField } from '../components/form';
import { Loading, PageTitle, ProductCard } from '../components/ui';
import { asApiError, useResource } from '../hooks';
import { parseMoney, t } from '../i18n';
import { navigate, useLocation } from '../router';
import type { Category, Page, Product, Shop } from '../types';
import type { ApiError } from '../api';
import { kCurrencies } from '../currencies';

const kPageSize = 24;
// Price filters are typed in major units; the API takes minor units of the
// chosen currency (CNY's two decimals when none is chosen).
function toMinor(text: string | null, currency: string | null): string | undefined {
  const minor = text ? parseMoney(text, currency || 'CNY') : null;
  return minor === null ? undefined : String(minor);
}

export function categoryOptions(categories: Category[]): { value: string; label: string }[] {
  return [...categories]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((category) => {
      const depth = category.path.split('/').filter(Boolean).length - 1;
      return { value: category.slug, label: '\u2003'.repeat(Math.max(0, depth)) + category.name };
    });
}

export function ProductsPage() {
  const { query: params } = useLocation();
  const key = params.toString();
  const [filters, setFilters] = useState(() => ({
    q: params.get('q') ?? '',
    category: params.get('category') ?? '',
    city: params.get('city') ?? '',
    min_price: params.get('min_price') ?? '',
    max_price: params.get('max_price') ?? '',
    currency: params.get('currency') ?? '',
    sort: params.get('sort') ?? 'newest',
  }));
  useEffect(() => {
    setFilters({
      q: params.get('q') ?? '',
      category: params.get('category') ?? '',
      city: params.get('city') ?? '',
      min_price: params.get('min_price') ?? '',
      max_price: params.get('max_price') ?? '',
      currency: params.get('currency') ?? '',
      sort: params.get('sort') ?? 'newest',
    });
  }, [key]);
  const categories = useResource(() => api.get<Page<Category>>('/api/v1/categories'), []);
  const shops = useResource(() => api.get<Page<Shop>>('/api/v1/shops?limit=100'), []);
  const cities = [...new Set((shops.data?.items ?? []).map((shop) => shop.city))].sort();

  const [items, setItems] = useState<Product[] | undefined>(undefined);
  const [nextAfter, setNextAfter] = useState<string | number | null>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);

  const apiQuery = (after?: string | number | null) =>
    query({
      q: params.get('q'),
      category: params.get('category'),
      city: params.get('city'),
      min_price: toMinor(params.get('min_price'), params.get('currency')),
      max_price: toMinor(params.get('max_price'), params.get('currency')),
      currency: params.get('currency'),
      sort: params.get('sort') ?? 'newest',
      limit: kPageSize,
      after: after ?? undefined,
    });

  useEffect(() => {
    let live = true;
    setItems(undefined);
    setError(undefined);
    api.get<Page<Product>>('/api/v1/products' + apiQuery()).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNextAfter(page.next_after);
      },
      (failure) => live && setError(asApiError(failure)),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<Page<Product>>('/api/v1/products' + apiQuery(nextAfter));
      setItems([...(items ?? []), ...page.items]);
      setNextAfter(page.next_after);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (next: typeof filters) => navigate('/products' + query(next));
  const set = (name: keyof typeof filters) => (value: string) => setFilters({ ...filters, [name]: value });

  return (
    <div class="with-sidebar">
      <aside aria-labelledby="filters-heading" class="filters">
        <h2 id="filters-heading">{t('products.filters')}</h2>
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            apply(filters);
          }}
        >
          <TextField label={t('products.query')} type="search" name="q" value={filters.q} onValue={set('q')} />
          <SelectField
            label={t('products.category')}
            name="category"
            value={filters.category}
            onValue={set('category')}
            options={[{ value: '', label: t('products.any_category') }, ...categoryOptions(categories.data?.items ?? [])]}
          />
          <SelectField
            label={t('products.city')}
            name="city"
            value={filters.city}
            onValue={set('city')}
            options={[
              { value: '', label: t('products.any_city') },
              ...[...new Set([...cities, ...(filters.city ? [filters.city] : [])])].map((city) => ({ value: city, label: city })),
            ]}
          />
          <div class="row">
            <TextField
              label={t('products.min_price')}
              name="min_price"
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={filters.min_price}
              onValue={set('min_price')}
            />
            <TextField
              label={t('products.max_price')}
              name="max_price"
              type="number"
              min="0"
              step="any"
              inputMode="decimal"
              value={filters.max_price}
              onValue={set('max_price')}
            />
          </div>
          <SelectField
            label={t('products.currency')}
            name="currency"
            value={filters.currency}
            onValue={set('currency')}
            options={[{ value: '', label: t('products.any_currency') }, ...kCurrencies.map((code) => ({ value: code, label: code }))]}
          />
          <div class="row">
            <Button type="submit">{t('products.apply')}</Button>
            <Button variant="secondary" onClick={() => navigate('/products')}>
              {t('products.reset')}
            </Button>
          </div>
        </form>
      </aside>
      <section class="results" aria-labelledby="results-heading">
        <div class="results-header">
          <PageTitle title={t('products.title')}>
            <span id="results-heading">{params.get('q') ? `“${params.get('q')}”` : t('products.title')}</span>
          </PageTitle>
          <SelectField
            label={t('products.sort')}
            name="sort"
            value={filters.sort}
            onValue={(sort) => apply({ ...filters, sort })}
            options={[
              { value: 'newest', label: t('products.sort_newest') },
              { value: 'price_asc', label: t('products.sort_price_asc') },
              { value: 'price_desc', label: t('products.sort_price_desc') },
            ]}
          />
        </div>
        <ErrorText error={error} />
        {items === undefined && !error && <Loading />}
        {items && items.length === 0 && <p>{t('products.none')}</p>}
        {items && items.length > 0 && (
          <ul class="grid products-grid" aria-live="polite">
            {items.map((product) => (
              <ProductCard key={product.id} product={product} />
            ))}
          </ul>
        )}
        {items && nextAfter !== null && nextAfter !== undefined && (
          <Button variant="secondary" busy={loadingMore} onClick={loadMore}>
            {t('products.more')}
          </Button>
        )}
      </section>
    </div>
  );
}
