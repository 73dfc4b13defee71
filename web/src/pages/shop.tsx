// A shop's public page: who and where, and its products.
import { api } from '../api';
import { Loaded, PageTitle, ProductCard } from '../components/ui';
import { useResource } from '../hooks';
import { t } from '../i18n';
import type { Page, Product, Shop } from '../types';
import { ReputationPanel, ReviewList } from './reviews';

export function ShopPage({ params }: { params: Record<string, string> }) {
  const shop = useResource(() => api.get<Shop>(`/api/v1/shops/${params.id}`), [params.id]);
  const products = useResource(
    () => api.get<Page<Product>>(`/api/v1/shops/${params.id}/products?limit=100`),
    [params.id],
  );
  return (
    <Loaded resource={shop}>
      {(data) => (
        <article>
          <header class="shop-header">
            <PageTitle title={data.name}>{data.name}</PageTitle>
            <p class="muted">{t('shop.located', { city: data.city, country: data.country })}</p>
            {data.description && <p>{data.description}</p>}
          </header>
          {data.reputation && <ReputationPanel reputation={data.reputation} />}
          <section aria-labelledby="shop-products">
            <h2 id="shop-products">{t('shop.products')}</h2>
            <Loaded resource={products}>
              {(page) =>
                page.items.length === 0 ? (
                  <p>{t('shop.empty')}</p>
                ) : (
                  <ul class="grid products-grid">
                    {page.items.map((product) => (
                      <ProductCard key={product.id} product={product} />
                    ))}
                  </ul>
                )
              }
            </Loaded>
          </section>
          <section aria-labelledby="shop-reviews">
            <h2 id="shop-reviews">{t('reviews.title')}</h2>
            <ReviewList path={`/api/v1/shops/${params.id}/reviews?limit=20`} empty={t('reviews.none')} />
          </section>
        </article>
      )}
    </Loaded>
  );
}
