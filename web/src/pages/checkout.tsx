// Checkout in two steps: the address places one order per shop (stock is
// reserved then), and paying moves the money from the wallet into escrow.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, Notice, TextField } from '../components/form';
import { enumLabel, Loaded, MoneyText, PageTitle, StatusBadge, TestModeBadge } from '../components/ui';
import { fieldError, formError, useAction, useOperationKeys, useResource } from '../hooks';
import { formatMoney, t } from '../i18n';
import { Link } from '../router';
import { cartCount, session } from '../session';
import type { GetCartShippingOptionsResponse } from '../api-types';
import type { Address, Cart, Order, Wallet } from '../types';
import { RequireLogin } from './auth';

const kAddressKey = 'shrimp.address';
const kAddressFields = ['name', 'line1', 'line2', 'city', 'postal_code', 'country', 'phone'] as const;

function savedAddress(): Address {
  try {
    const stored = JSON.parse(localStorage.getItem(kAddressKey) ?? 'null');
    if (stored) return stored;
  } catch {
    // Start blank.
  }
  return { name: '', line1: '', line2: '', city: '', postal_code: '', country: '', phone: '' };
}

type CartShipping = GetCartShippingOptionsResponse;
type ShippingGroup = CartShipping['groups'][number];
type ShippingOption = ShippingGroup['options'][number];

const optionKey = (option: ShippingOption) => `${option.carrier.id}/${option.service}`;

// The delivery network's options for each shop's parcel to `city`, asked
// again (after a pause in typing) whenever the city changes.
function useCartShipping(city: string) {
  const [shipping, setShipping] = useState<CartShipping | null>(null);
  const [unknownCity, setUnknownCity] = useState(false);
  useEffect(() => {
    const wanted = city.trim();
    setShipping(null);
    setUnknownCity(false);
    if (!wanted) return;
    let live = true;
    const timer = setTimeout(() => {
      api.get<CartShipping>(`/api/v1/cart/shipping-options?to_city=${encodeURIComponent(wanted)}`).then(
        (found) => live && setShipping(found),
        () => live && setUnknownCity(true),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [city]);
  return { shipping, unknownCity };
}

// One shop's delivery choice: the network's options, cheapest first.
function ShippingChoice({ group, chosen, onChoose }: { group: ShippingGroup; chosen: string; onChoose: (key: string) => void }) {
  if (group.options.length === 0) {
    return (
      <p class="hint" data-shop={group.shop_id}>
        {t('checkout.shipping_by_shop', { shop: group.shop_name })}
      </p>
    );
  }
  return (
    <fieldset class="variants shipping-options" data-shop={group.shop_id}>
      <legend>{t('checkout.shipping_from', { shop: group.shop_name })}</legend>
      {group.options.map((option) => (
        <label key={optionKey(option)} class="variant">
          <input type="radio" name={`shipping-${group.shop_id}`} value={optionKey(option)} checked={chosen === optionKey(option)} onChange={() => onChoose(optionKey(option))} />
          <span>
            {option.carrier.name} · {enumLabel('tracking.service', option.service)} · <MoneyText money={option.price} /> · {option.arrives_by_text}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function AddressForm({ cart, onPlaced }: { cart: Cart; onPlaced: (orders: Order[]) => void }) {
  const [address, setAddress] = useState<Address>(savedAddress);
  const { shipping, unknownCity } = useCartShipping(address.city);
  // Per shop: the chosen option's key; the cheapest unless the buyer picks another.
  const [picked, setPicked] = useState<Record<number, string>>({});
  const chosenOption = (group: ShippingGroup): ShippingOption | undefined =>
    group.options.find((option) => optionKey(option) === picked[group.shop_id]) ?? group.options[0];
  // One key per attempt: a retry after a lost answer cannot place the orders twice.
  const keys = useOperationKeys();
  const place = useAction(async () => {
    const body: Address = { ...address, country: address.country.trim().toUpperCase() };
    if (!body.line2) delete body.line2;
    if (!body.phone) delete body.phone;
    const result = await api.post<{ orders: Order[] }>(
      '/api/v1/checkout',
      {
        shipping_address: body,
        shipping: (shipping?.groups ?? []).flatMap((group) => {
          const option = chosenOption(group);
          return option ? [{ shop_id: group.shop_id, carrier: option.carrier.id, service: option.service }] : [];
        }),
      },
      { idempotencyKey: keys.key('checkout') },
    );
    localStorage.setItem(kAddressKey, JSON.stringify(address));
    keys.done('checkout');
    cartCount.set(0);
    onPlaced(result.orders);
  });
  const set = (name: keyof Address) => (value: string) => setAddress({ ...address, [name]: value });
  const error = (name: string) => fieldError(place.error, name);
  return (
    <form
      class="stack card"
      aria-labelledby="address-heading"
      onSubmit={(event) => {
        event.preventDefault();
        place.run();
      }}
    >
      <h2 id="address-heading">{t('checkout.address')}</h2>
      <TextField label={t('checkout.name')} name="name" autoComplete="name" required value={address.name} onValue={set('name')} error={error('name')} />
      <TextField label={t('checkout.line1')} name="line1" autoComplete="address-line1" required value={address.line1} onValue={set('line1')} error={error('line1')} />
      <TextField label={t('checkout.line2')} name="line2" autoComplete="address-line2" value={address.line2 ?? ''} onValue={set('line2')} error={error('line2')} />
      <div class="row">
        <TextField label={t('checkout.city')} name="city" autoComplete="address-level2" required value={address.city} onValue={set('city')} error={error('city')} />
        <TextField label={t('checkout.postal_code')} name="postal_code" autoComplete="postal-code" required value={address.postal_code} onValue={set('postal_code')} error={error('postal_code')} />
      </div>
      <div class="row">
        <TextField
          label={t('checkout.country')}
          name="country"
          autoComplete="country"
          required
          maxLength={2}
          hint={t('checkout.country_hint')}
          value={address.country}
          onValue={set('country')}
          error={error('country')}
        />
        <TextField label={t('checkout.phone')} name="phone" type="tel" autoComplete="tel" value={address.phone ?? ''} onValue={set('phone')} error={error('phone')} />
      </div>
      <h2>{t('checkout.delivery')}</h2>
      {!address.city.trim() ? (
        <p class="hint">{t('checkout.delivery_city_first')}</p>
      ) : unknownCity ? (
        <p class="hint">{t('checkout.delivery_unknown_city')}</p>
      ) : !shipping ? (
        <p class="hint" aria-busy="true">
          {t('checkout.delivery_loading')}
        </p>
      ) : (
        shipping.groups.map((group) => (
          <ShippingChoice key={group.shop_id} group={group} chosen={(chosenOption(group) && optionKey(chosenOption(group)!)) ?? ''} onChoose={(key) => setPicked({ ...picked, [group.shop_id]: key })} />
        ))
      )}
      <h2>{t('checkout.summary')}</h2>
      <ul class="summary">
        {cart.groups.map((group) => {
          const shippingGroup = shipping?.groups.find((candidate) => candidate.shop_id === group.shop.id);
          const fee = shippingGroup && chosenOption(shippingGroup)?.price;
          return (
            <li key={group.shop.id}>
              {group.shop.name}: <MoneyText money={group.subtotal} />
              {fee && (
                <>
                  {' '}
                  + {t('checkout.shipping_fee')} <MoneyText money={fee} /> = <MoneyText money={{ amount: group.subtotal.amount + fee.amount, currency: fee.currency }} />
                </>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorText error={formError(place.error, [...kAddressFields])} />
      <Button type="submit" busy={place.busy}>
        {t('checkout.place')}
      </Button>
    </form>
  );
}

// Pays each unpaid order from the wallet; shared with the orders page.
export function PayOrders({ orders, onPaid }: { orders: Order[]; onPaid: (order: Order) => void }) {
  const wallet = useResource(() => api.get<Wallet>('/api/v1/wallet'), []);
  const keys = useOperationKeys();
  const unpaid = orders.filter((order) => order.status === 'pending_payment');
  const pay = useAction(async () => {
    for (const order of unpaid) {
      const operation = `pay/${order.id}`;
      const paid = await api.post<Order>(`/api/v1/orders/${order.id}/pay`, { method: 'wallet' }, { idempotencyKey: keys.key(operation) });
      keys.done(operation);
      onPaid(paid);
    }
    wallet.reload();
  });
  const shortOfFunds = pay.error?.code === 'insufficient_funds';
  return (
    <section class="card stack" aria-labelledby="pay-heading">
      <h2 id="pay-heading">
        {t('checkout.pay_title')} <TestModeBadge />
      </h2>
      <Loaded resource={wallet}>
        {(data) => (
          <ul class="summary">
            {data.balances.map((balance) => (
              <li key={balance.currency}>{t('checkout.wallet_balance', { amount: formatMoney(balance.available) })}</li>
            ))}
          </ul>
        )}
      </Loaded>
      <ul class="orders-to-pay">
        {orders.map((order) => (
          <li key={order.id}>
            <Link href={`/orders/${order.id}`}>{t('orders.order', { id: order.id })}</Link> · {order.shop.name} ·{' '}
            <MoneyText money={order.total} /> <StatusBadge status={order.status} />
          </li>
        ))}
      </ul>
      {unpaid.length > 0 ? (
        <>
          <ErrorText error={pay.error} />
          {shortOfFunds && (
            <p>
              {t('checkout.top_up_first')} <Link href="/wallet">{t('nav.wallet')}</Link>
            </p>
          )}
          <Button busy={pay.busy} onClick={() => pay.run()}>
            {t('checkout.pay_all')}
          </Button>
        </>
      ) : (
        <Notice>
          {t('checkout.paid')} <Link href="/orders">{t('checkout.see_orders')}</Link>
        </Notice>
      )}
    </section>
  );
}

export function CheckoutPage() {
  const current = session.use();
  const cart = useResource(current ? () => api.get<Cart>('/api/v1/cart') : null, [current?.token]);
  const [orders, setOrders] = useState<Order[] | null>(null);
  if (!current) return <RequireLogin />;
  return (
    <section class="narrow-wide">
      <PageTitle title={t('checkout.title')}>{t('checkout.title')}</PageTitle>
      {orders ? (
        <PayOrders
          orders={orders}
          onPaid={(paid) => setOrders((list) => (list ?? []).map((order) => (order.id === paid.id ? paid : order)))}
        />
      ) : (
        <Loaded resource={cart}>
          {(data) =>
            data.groups.length === 0 ? (
              <p>
                {t('cart.empty')} <Link href="/products">{t('nav.products')}</Link>
              </p>
            ) : (
              <AddressForm cart={data} onPlaced={setOrders} />
            )
          }
        </Loaded>
      )}
    </section>
  );
}
