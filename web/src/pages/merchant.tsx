// The merchant console: open a shop, then manage its products, ship its
// orders, and take its money out. /sell/<section>[/<id>].
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, SelectField, TextAreaField, TextField } from '../components/form';
import { Loaded, PageTitle } from '../components/ui';
import { fieldError, formError, useAction, useResource } from '../hooks';
import { t } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { session, updateUser } from '../session';
import type { Page, Shop, User } from '../types';
import { MerchantReviews } from './reviews';
import { RequireLogin } from './auth';
import { BalanceSection } from './merchant_balance';
import { DataSection } from './merchant_data';
import { CreditSection } from './merchant_credit';
import { MerchantOrdersSection } from './merchant_orders';
import { ProductEditor, ProductsSection } from './merchant_products';
import { kCurrencies } from '../currencies';

const kShopKey = 'shrimp.shop';

function OpenShopForm({ onOpened }: { onOpened: (shop: Shop) => void }) {
  const [shop, setShop] = useState({ name: '', city: '', country: '', currency: 'CNY', description: '' });
  const open = useAction(async () => {
    const created = await api.post<Shop>('/api/v1/shops', { ...shop, country: shop.country.trim().toUpperCase() });
    // Opening a shop makes the user a merchant; the session should say so.
    updateUser(await api.get<User>('/api/v1/me'));
    onOpened(created);
  });
  const set = (name: keyof typeof shop) => (value: string) => setShop({ ...shop, [name]: value });
  const error = (name: string) => fieldError(open.error, name);
  return (
    <section class="narrow">
      <PageTitle title={t('merchant.open_shop')}>{t('merchant.open_shop')}</PageTitle>
      <p>{t('merchant.open_shop_intro')}</p>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          open.run();
        }}
      >
        <TextField label={t('merchant.shop_name')} name="name" required value={shop.name} onValue={set('name')} error={error('name')} />
        <div class="row">
          <TextField label={t('merchant.shop_city')} name="city" required value={shop.city} onValue={set('city')} error={error('city')} />
          <TextField
            label={t('merchant.shop_country')}
            name="country"
            required
            maxLength={2}
            hint={t('checkout.country_hint')}
            value={shop.country}
            onValue={set('country')}
            error={error('country')}
          />
        </div>
        <SelectField
          label={t('merchant.shop_currency')}
          name="currency"
          value={shop.currency}
          onValue={set('currency')}
          options={kCurrencies.map((code) => ({ value: code, label: code }))}
          error={error('currency')}
        />
        <TextAreaField label={t('merchant.shop_description')} name="description" rows={3} value={shop.description} onValue={set('description')} error={error('description')} />
        <ErrorText error={formError(open.error, ['name', 'city', 'country', 'currency', 'description'])} />
        <Button type="submit" busy={open.busy}>
          {t('merchant.open_submit')}
        </Button>
      </form>
    </section>
  );
}

const kSections = [
  ['', 'merchant.dashboard'],
  ['products', 'merchant.products'],
  ['orders', 'merchant.orders'],
  ['balance', 'merchant.balance'],
  ['data', 'merchant.data'],
  ['credit', 'merchant.credit'],
  ['reviews', 'reviews.title'],
] as const;

function Console({ shops, onOpened }: { shops: Shop[]; onOpened: (shop: Shop) => void }) {
  const { path } = useLocation();
  const [, , section = '', id] = path.split('/');
  const [shopId, setShopId] = useState<number>(() => {
    const stored = Number(localStorage.getItem(kShopKey));
    return shops.some((shop) => shop.id === stored) ? stored : shops[0].id;
  });
  useEffect(() => localStorage.setItem(kShopKey, String(shopId)), [shopId]);
  const shop = shops.find((candidate) => candidate.id === shopId) ?? shops[0];
  if (section === 'new-shop') return <OpenShopForm onOpened={onOpened} />;
  let body;
  if (section === 'products' && id) body = <ProductEditor shop={shop} productId={id === 'new' ? null : Number(id)} />;
  else if (section === 'products') body = <ProductsSection shop={shop} />;
  else if (section === 'orders') body = <MerchantOrdersSection shop={shop} />;
  else if (section === 'balance') body = <BalanceSection shop={shop} />;
  else if (section === 'data') body = <DataSection shop={shop} />;
  else if (section === 'credit') body = <CreditSection shop={shop} />;
  else if (section === 'reviews') body = <MerchantReviews shopId={shop.id} />;
  else body = <Dashboard shop={shop} />;
  return (
    <div class="console">
      <div class="console-header">
        <p class="eyebrow">{t('merchant.title')}</p>
        {shops.length > 1 ? (
          <SelectField
            label={t('merchant.choose_shop')}
            name="shop"
            value={String(shop.id)}
            onValue={(value) => setShopId(Number(value))}
            options={shops.map((candidate) => ({ value: String(candidate.id), label: candidate.name }))}
          />
        ) : (
          <p class="console-shop">{shop.name}</p>
        )}
      </div>
      <nav aria-label={t('merchant.nav')} class="tabs">
        <ul>
          {kSections.map(([name, label]) => (
            <li key={name}>
              <Link href={'/sell' + (name ? '/' + name : '')} aria-current={section === name ? 'page' : undefined}>
                {t(label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {body}
    </div>
  );
}

function Dashboard({ shop }: { shop: Shop }) {
  return (
    <section>
      <PageTitle title={shop.name}>{shop.name}</PageTitle>
      <p class="muted">{t('shop.located', { city: shop.city, country: shop.country })} · {shop.currency}</p>
      {shop.description && <p>{shop.description}</p>}
      <p class="row">
        <Link class="button button-primary" href="/sell/products/new">
          {t('merchant.new_product')}
        </Link>
        <Link class="button button-secondary" href="/sell/orders">
          {t('merchant.orders')}
        </Link>
        <Link class="button button-secondary" href={`/shops/${shop.id}`}>
          {t('merchant.view_public')}
        </Link>
        <Link class="button button-link" href="/sell/new-shop">
          {t('merchant.open_shop')}
        </Link>
      </p>
    </section>
  );
}

export function MerchantPage() {
  const current = session.use();
  const shops = useResource(current ? () => api.get<Page<Shop>>('/api/v1/shops?owner=me&limit=100') : null, [current?.token]);
  if (!current) return <RequireLogin />;
  const onOpened = (shop: Shop) => {
    localStorage.setItem(kShopKey, String(shop.id));
    shops.setData({ items: [...(shops.data?.items ?? []), shop], next_after: null });
    navigate('/sell');
  };
  return (
    <Loaded resource={shops}>
      {(page) => (page.items.length === 0 ? <OpenShopForm onOpened={onOpened} /> : <Console shops={page.items} onOpened={onOpened} />)}
    </Loaded>
  );
}
