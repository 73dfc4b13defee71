// Product page: images, variants (SKUs) with price and stock, add to cart,
// and the card of the shop that sells it.
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { Button, ErrorText, Notice, SelectField, TextField } from '../components/form';
import { Attrs, Loaded, MoneyText, PageTitle, ShopCard } from '../components/ui';
import { fieldError, useAction, useResource } from '../hooks';
import { t } from '../i18n';
import { Link, loginHref, navigate } from '../router';
import { cartCount, session } from '../session';
import type { Cart, Product, Shop, Sku } from '../types';
import { ReviewList } from './reviews';

function skuLabel(sku: Sku): string {
  const entries = Object.entries(sku.attrs ?? {});
  return entries.length ? entries.map(([, value]) => value).join(' / ') : t('product.variant');
}

function ProductView({ product }: { product: Product }) {
  const firstInStock = product.skus.find((sku) => sku.stock > 0) ?? product.skus[0];
  const [skuId, setSkuId] = useState<number | undefined>(firstInStock?.id);
  const [quantity, setQuantity] = useState('1');
  const [added, setAdded] = useState(false);
  const [imageIndex, setImageIndex] = useState(0);
  const shop = useResource(() => api.get<Shop>(`/api/v1/shops/${product.shop_id}`), [product.shop_id]);
  const sku = product.skus.find((candidate) => candidate.id === skuId);
  const addToCart = useAction(async () => {
    if (!session.get()) {
      navigate(loginHref());
      return;
    }
    const cart = await api.post<Cart>('/api/v1/cart/items', { sku_id: skuId, quantity: Number(quantity) });
    cartCount.set(cart.item_count);
    setAdded(true);
  });
  const image = product.images[imageIndex];
  return (
    <article class="product-page">
      <div class="gallery">
        {image ? (
          <img src={image.url} alt={product.title} width={640} height={480} />
        ) : (
          <div class="image-placeholder large" role="img" aria-label={t('product.no_image')}>
            {product.title.slice(0, 1)}
          </div>
        )}
        {product.images.length > 1 && (
          <ul class="thumbnails">
            {product.images.map((candidate, index) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  aria-pressed={index === imageIndex}
                  aria-label={`${product.title} ${index + 1}`}
                  onClick={() => setImageIndex(index)}
                >
                  <img src={candidate.url} alt="" width={64} height={48} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="product-info">
        <PageTitle title={product.title}>{product.title}</PageTitle>
        {product.category && (
          <p class="muted">
            <Link href={'/products?category=' + encodeURIComponent(product.category.slug)}>{product.category.name}</Link>
          </p>
        )}
        <p class="price-large">
          <MoneyText money={sku?.price ?? product.price_min} />
        </p>
        <form
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            setAdded(false);
            addToCart.run();
          }}
        >
          {product.skus.length > 1 && (
            <fieldset class="variants">
              <legend>{t('product.variant')}</legend>
              {product.skus.map((candidate) => (
                <label key={candidate.id} class={'variant' + (candidate.stock === 0 ? ' sold-out' : '')}>
                  <input
                    type="radio"
                    name="sku"
                    value={candidate.id}
                    checked={candidate.id === skuId}
                    disabled={candidate.stock === 0}
                    onChange={() => setSkuId(candidate.id)}
                  />
                  <span>{skuLabel(candidate)}</span> <MoneyText money={candidate.price} />
                </label>
              ))}
            </fieldset>
          )}
          {sku && product.skus.length === 1 && <Attrs attrs={sku.attrs} />}
          <p class={sku && sku.stock > 0 ? 'stock' : 'stock out'} aria-live="polite">
            {sku && sku.stock > 0 ? t('product.in_stock', { count: sku.stock }) : t('product.out_of_stock')}
          </p>
          <TextField
            label={t('product.quantity')}
            name="quantity"
            type="number"
            min="1"
            max={String(Math.max(1, sku?.stock ?? 1))}
            step="1"
            inputMode="numeric"
            required
            class="quantity"
            value={quantity}
            onValue={setQuantity}
            error={fieldError(addToCart.error, 'quantity')}
          />
          <ErrorText error={fieldError(addToCart.error, 'quantity') ? undefined : addToCart.error} />
          <Button type="submit" busy={addToCart.busy} disabled={!sku || sku.stock === 0}>
            {t('product.add_to_cart')}
          </Button>
          {added && (
            <Notice>
              {t('product.added')} <Link href="/cart">{t('product.view_cart')}</Link>
            </Notice>
          )}
        </form>
        {product.description && (
          <section aria-labelledby="product-description">
            <h2 id="product-description">{t('product.description')}</h2>
            <p class="description">{product.description}</p>
          </section>
        )}
        {product.shop.city && <DeliveryPromise fromCity={product.shop.city} />}
        <section aria-labelledby="product-shop" class="sold-by">
          <h2 id="product-shop">{t('product.sold_by')}</h2>
          <Loaded resource={shop}>{(data) => <ShopCard shop={data} />}</Loaded>
        </section>
        <section aria-labelledby="product-reviews" class="product-reviews">
          <h2 id="product-reviews">{t('reviews.title')}</h2>
          <ReviewList path={`/api/v1/products/${product.id}/reviews?limit=20`} empty={t('reviews.none')} />
        </section>
      </div>
    </article>
  );
}

interface Estimate {
  arrives_by: string;
  arrives_by_text: string;
  transit_hours: number;
  carrier: { id: string; name: string };
}

const kDeliverToKey = 'shrimp.deliver_to';

// "Arrives by Thu 14 Nov in Paris": the network's promise from the shop's
// city to a city the buyer picks (remembered in this browser).
function DeliveryPromise({ fromCity }: { fromCity: string }) {
  const [city, setCity] = useState(() => localStorage.getItem(kDeliverToKey) ?? fromCity);
  const cities = useResource(() => api.get<{ cities: { id: string; name: string }[] }>('/api/v1/cities'), []);
  const estimate = useResource(
    () => api.get<Estimate>('/api/v1/delivery-estimate' + query({ from_city: fromCity, to_city: city, service: 'express' })),
    [fromCity, city],
  );
  const options = (cities.data?.cities ?? [])
    .map((entry) => ({ value: entry.name, label: entry.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (!options.some((option) => option.value.toLowerCase() === city.toLowerCase())) options.unshift({ value: city, label: city });
  return (
    <section aria-labelledby="product-delivery" class="delivery-promise">
      <h2 id="product-delivery">{t('product.delivery')}</h2>
      <p data-testid="promise">
        {estimate.data
          ? estimate.data.arrives_by_text
          : estimate.error
            ? estimate.error.code === 'no_route' || estimate.error.code === 'unknown_city'
              ? t('product.no_delivery', { city })
              : estimate.error.message
            : t('app.loading')}
      </p>
      <SelectField
        label={t('product.deliver_to')}
        name="deliver_to"
        value={city}
        onValue={(value) => {
          localStorage.setItem(kDeliverToKey, value);
          setCity(value);
        }}
        options={options}
      />
    </section>
  );
}

export function ProductPage({ params }: { params: Record<string, string> }) {
  const product = useResource(() => api.get<Product>(`/api/v1/products/${params.id}`), [params.id]);
  return <Loaded resource={product}>{(data) => <ProductView product={data} />}</Loaded>;
}
