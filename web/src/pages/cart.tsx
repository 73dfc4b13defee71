// The cart, grouped by shop: each group becomes its own order at checkout.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText } from '../components/form';
import { Attrs, Loaded, MoneyText, PageTitle } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { plural, t } from '../i18n';
import { Link } from '../router';
import { cartCount, session } from '../session';
import type { Cart, CartItem } from '../types';
import { RequireLogin } from './auth';

function CartLine({ item, onChange }: { item: CartItem; onChange: (cart: Cart) => void }) {
  const [quantity, setQuantity] = useState(String(item.quantity));
  const update = useAction(async (value: number) => {
    onChange(await api.patch<Cart>(`/api/v1/cart/items/${item.sku_id}`, { quantity: value }));
  });
  const remove = useAction(async () => {
    onChange(await api.delete<Cart>(`/api/v1/cart/items/${item.sku_id}`));
  });
  const inputId = `quantity-${item.sku_id}`;
  return (
    <li class="cart-line">
      <div class="cart-line-title">
        <Link href={`/products/${item.product_id}`}>{item.title}</Link>
        <Attrs attrs={item.attrs} />
        <span class="muted">
          <MoneyText money={item.unit_price} />
        </span>
        {item.available < item.quantity && (
          <span class="warning">{t('cart.unavailable', { count: item.available })}</span>
        )}
      </div>
      <div class="cart-line-controls">
        <label for={inputId} class="visually-hidden">
          {t('cart.quantity_of', { title: item.title })}
        </label>
        <input
          id={inputId}
          type="number"
          min="1"
          step="1"
          inputMode="numeric"
          class="quantity-input"
          value={quantity}
          aria-invalid={update.error ? true : undefined}
          onInput={(event) => setQuantity(event.currentTarget.value)}
          onChange={(event) => {
            const value = Number(event.currentTarget.value);
            if (Number.isInteger(value) && value >= 1 && value !== item.quantity) update.run(value);
          }}
        />
        <MoneyText money={item.line_total} />
        <Button
          variant="link"
          busy={remove.busy}
          aria-label={t('cart.remove_item', { title: item.title })}
          onClick={() => remove.run()}
        >
          {t('cart.remove')}
        </Button>
      </div>
      <ErrorText error={update.error ?? remove.error} />
    </li>
  );
}

export function CartPage() {
  const current = session.use();
  const cart = useResource(current ? () => api.get<Cart>('/api/v1/cart') : null, [current?.token]);
  if (!current) return <RequireLogin />;
  const onChange = (next: Cart) => {
    cart.setData(next);
    cartCount.set(next.item_count);
  };
  return (
    <section>
      <PageTitle title={t('cart.title')}>{t('cart.title')}</PageTitle>
      <Loaded resource={cart}>
        {(data) =>
          data.groups.length === 0 ? (
            <p>
              {t('cart.empty')} <Link href="/products">{t('nav.products')}</Link>
            </p>
          ) : (
            <>
              <p class="muted">{t('cart.one_order_per_shop')}</p>
              {data.groups.map((group) => (
                <section class="card cart-group" key={group.shop.id} aria-labelledby={`cart-shop-${group.shop.id}`}>
                  <h2 id={`cart-shop-${group.shop.id}`}>
                    <Link href={`/shops/${group.shop.id}`}>{t('cart.shop_group', { shop: group.shop.name })}</Link>{' '}
                    <span class="muted">{group.shop.city}</span>
                  </h2>
                  <ul class="cart-lines">
                    {group.items.map((item) => (
                      <CartLine key={`${item.sku_id}-${item.quantity}`} item={item} onChange={onChange} />
                    ))}
                  </ul>
                  <p class="subtotal">
                    {t('cart.subtotal')}: <MoneyText money={group.subtotal} />
                  </p>
                </section>
              ))}
              <p class="row end">
                <span class="muted">{plural('cart.items', data.item_count)}</span>
                <Link class="button button-primary" href="/checkout">
                  {t('cart.checkout')}
                </Link>
              </p>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
