// /search: product search over the Xapian index — words in English, French
// or Chinese, facets as filters, "did you mean", and ratings on the cards.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api';
import { Button, SelectField } from '../components/form';
import { Stars } from '../components/reputation';
import { Loaded, PageTitle } from '../components/ui';
import { useResource } from '../hooks';
import { formatMoney, t } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import type { FacetCount, SearchAnswer, SearchItem } from '../types';

const kFilters = ['category', 'city', 'country', 'price', 'rating'] as const;
const kSorts = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating'] as const;

// Autocomplete: titles for the words typed so far, as a datalist.
export function useSuggestions(text: string): string[] {
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed.length < 2) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ suggestions: string[] }>('/api/v1/search/suggest' + query({ q: trimmed }), { signal: controller.signal })
        .then((answer) => setSuggestions(answer.suggestions))
        .catch(() => undefined);
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  return suggestions;
}

// The search field used on the home page and the search page.
export function SearchForm({ initial = '', id = 'search-q' }: { initial?: string; id?: string }) {
  const [text, setText] = useState(initial);
  const suggestions = useSuggestions(text);
  return (
    <form
      role="search"
      class="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        navigate('/search' + query({ q: text.trim() }));
      }}
    >
      <label for={id} class="visually-hidden">
        {t('search.title')}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        list={`${id}-suggestions`}
        autocomplete="off"
        placeholder={t('search.placeholder')}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((title) => (
          <option key={title} value={title} />
        ))}
      </datalist>
      <button type="submit" class="button button-primary">
        {t('search.title')}
      </button>
    </form>
  );
}

// A result card: image, title, price, shop and its rating.
export function SearchItemCard({ item }: { item: SearchItem }) {
  return (
    <li class="card product-card" data-shop-id={item.shop_id}>
      <Link href={`/products/${item.id}`} class="product-card-link">
        {item.image ? (
          <img src={item.image} alt="" loading="lazy" width={320} height={240} />
        ) : (
          <div class="image-placeholder" aria-hidden="true">
            {item.title.slice(0, 1)}
          </div>
        )}
        <span class="product-card-title">{item.title}</span>
      </Link>
      <span class="product-card-price">{formatMoney(item.price)}</span>
      <span class="product-card-shop">
        {item.shop_name} · {item.city}
      </span>
      {item.rating !== null ? (
        <span class="product-card-rating">
          <Stars value={item.rating} /> {item.rating.toFixed(2)}
        </span>
      ) : (
        <span class="muted product-card-rating">{t('reviews.no_reviews_yet')}</span>
      )}
    </li>
  );
}

// Price bands ("10-50", "500+") are in major units: min_price/max_price in minor units.
function priceParams(band: string): { min_price?: number; max_price?: number } {
  const [low, high] = band.replace('+', '').split('-').map(Number);
  return { min_price: low * 100, max_price: high ? high * 100 - 1 : undefined };
}

function ratingParam(band: string): string | undefined {
  const match = /^(\d\.\d)\+$/.exec(band);
  return match ? match[1] : undefined;
}

export function SearchPage() {
  const { query: params } = useLocation();
  const text = params.get('q') ?? '';
  const chosen: Record<string, string> = {};
  for (const name of kFilters) {
    const value = params.get(name);
    if (value) chosen[name] = value;
  }
  const sort = params.get('sort') ?? 'relevance';
  const inStock = params.get('in_stock') === 'true';
  const [after, setAfter] = useState<string | null>(null);
  const apiQuery = query({
    q: text,
    category: chosen.category,
    city: chosen.city,
    country: chosen.country,
    ...(chosen.price ? priceParams(chosen.price) : {}),
    min_rating: chosen.rating ? ratingParam(chosen.rating) : undefined,
    in_stock: inStock ? 'true' : undefined,
    sort,
    after: after ?? undefined,
    limit: 20,
  });
  const answer = useResource(() => api.get<SearchAnswer>('/api/v1/search' + apiQuery), [apiQuery]);
  useEffect(() => setAfter(null), [params.toString()]);
  const go = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = { q: text, ...chosen, sort, in_stock: inStock ? 'true' : undefined, ...changes };
    navigate('/search' + query(next));
  };
  const facet = (name: (typeof kFilters)[number], counts: FacetCount[]) =>
    counts.length > 0 && (
      <fieldset class="facet" key={name}>
        <legend>{t(`search.facet.${name}` as any)}</legend>
        <ul>
          {counts.map((count) => (
            <li key={count.value}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen[name] === count.value}
                  onChange={() => go({ [name]: chosen[name] === count.value ? undefined : count.value })}
                />{' '}
                {count.value} <span class="muted">({count.count})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    );
  return (
    <section class="search-page">
      <PageTitle title={text || t('search.title')}>{t('search.title')}</PageTitle>
      <SearchForm key={text} initial={text} />
      <Loaded resource={answer}>
        {(data) => (
          <div class="search-layout">
            <aside class="facets" aria-label={t('search.title')}>
              {kFilters.map((name) => facet(name, data.facets[name] ?? []))}
              <label>
                <input type="checkbox" checked={inStock} onChange={() => go({ in_stock: inStock ? undefined : 'true' })} /> {t('search.in_stock')}
              </label>
              {Object.keys(chosen).length > 0 && (
                <Button variant="link" onClick={() => navigate('/search' + query({ q: text }))}>
                  {t('search.clear')}
                </Button>
              )}
            </aside>
            <div class="stack">
              {data.did_you_mean && (
                <p class="did-you-mean">
                  {t('search.did_you_mean')}{' '}
                  <Link href={'/search' + query({ q: data.did_you_mean })}>{data.did_you_mean}</Link>?
                </p>
              )}
              <div class="results-header">
                <p class="muted">{t('search.results', { count: data.total_estimate })}</p>
                <SelectField
                  label={t('search.sort')}
                  name="sort"
                  value={sort}
                  onValue={(value) => go({ sort: value })}
                  options={kSorts.map((value) => ({ value, label: t(`search.sort.${value}` as any) }))}
                />
              </div>
              {data.items.length === 0 ? (
                <p>{t('search.none')}</p>
              ) : (
                <ul class="grid products-grid search-results">
                  {data.items.map((item) => (
                    <SearchItemCard key={item.id} item={item} />
                  ))}
                </ul>
              )}
              {data.next_after && (
                <Button variant="secondary" onClick={() => setAfter(data.next_after)}>
                  {t('search.more')}
                </Button>
              )}
            </div>
          </div>
        )}
      </Loaded>
    </section>
  );
}
