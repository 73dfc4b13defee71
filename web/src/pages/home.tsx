// Home: search, categories, shops from many cities, newest products.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Loaded, PageTitle, ShopCard } from '../components/ui';
import { useResource } from '../hooks';
import { t } from '../i18n';
import { Link, navigate } from '../router';
import type { Category, Page, SearchAnswer, Shop } from '../types';
import { SearchItemCard } from './search';

const kFeaturedShopsMax = 8;

// Shops spread over as many cities as possible: first one per city, then the rest.
function featuredShops(shops: Shop[]): Shop[] {
  const seenCities = new Set<string>();
  const first: Shop[] = [];
  const rest: Shop[] = [];
  for (const shop of shops) {
    if (seenCities.has(shop.city)) rest.push(shop);
    else {
      seenCities.add(shop.city);
      first.push(shop);
    }
  }
  return [...first, ...rest].slice(0, kFeaturedShopsMax);
}

export function SearchBox({ initial = '' }: { initial?: string }) {
  const [text, setText] = useState(initial);
  return (
    <form
      role="search"
      class="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        navigate('/products' + (text.trim() ? '?q=' + encodeURIComponent(text.trim()) : ''));
      }}
    >
      <label for="home-search" class="visually-hidden">
        {t('home.search_label')}
      </label>
      <input
        id="home-search"
        type="search"
        name="q"
        placeholder={t('home.search_placeholder')}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" class="button button-primary">
        {t('home.search_submit')}
      </button>
    </form>
  );
}

export function HomePage() {
  const categories = useResource(() => api.get<Page<Category>>('/api/v1/categories'), []);
  const shops = useResource(() => api.get<Page<Shop>>('/api/v1/shops?limit=50'), []);
  // From the search index: at most two products of a shop among the newest.
  const products = useResource(() => api.get<SearchAnswer>('/api/v1/search?sort=newest&limit=8'), []);
  return (
    <>
      <section class="hero">
        <PageTitle title={t('app.tagline')}>{t('app.tagline')}</PageTitle>
        <SearchBox />
      </section>
      <section aria-labelledby="home-categories">
        <h2 id="home-categories">{t('home.categories')}</h2>
        <Loaded resource={categories}>
          {(page) => (
            <ul class="chips">
              {page.items
                .filter((category) => category.parent_id === null)
                .map((category) => (
                  <li key={category.id}>
                    <Link class="chip" href={'/products?category=' + encodeURIComponent(category.slug)}>
                      {category.name}
                    </Link>
                  </li>
                ))}
            </ul>
          )}
        </Loaded>
      </section>
      <section aria-labelledby="home-shops">
        <h2 id="home-shops">{t('home.shops')}</h2>
        <Loaded resource={shops}>
          {(page) =>
            page.items.length === 0 ? (
              <p>
                {t('home.no_shops')} <Link href="/sell">{t('merchant.open_shop')}</Link>
              </p>
            ) : (
              <ul class="grid shops-grid">
                {featuredShops(page.items).map((shop) => (
                  <li key={shop.id}>
                    <ShopCard shop={shop} />
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <section aria-labelledby="home-new">
        <h2 id="home-new">{t('home.new_products')}</h2>
        <Loaded resource={products}>
          {(page) => (
            <ul class="grid products-grid">
              {page.items.map((item) => (
                <SearchItemCard key={item.id} item={item} />
              ))}
            </ul>
          )}
        </Loaded>
      </section>
    </>
  );
}
