// Orders for the merchant's shop: ship what is paid (with a network carrier,
// which then delivers, or by itself) and answer refund requests.
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { Button, ErrorText, SelectField, TextField } from '../components/form';
import { enumLabel, Loaded, PageTitle } from '../components/ui';
import { fieldError, formError, useAction, useOperationKeys, useResource } from '../hooks';
import { t } from '../i18n';
import { Link } from '../router';
import type { Order, Page, Shop } from '../types';
import { OrderCard } from './orders';

function ShipForm({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [service, setService] = useState('standard');
  const ship = useAction(async () => {
    // The buyer paid for a carrier: the server ships with it. Otherwise, without
    // a tracking number the carrier must be a network carrier, which assigns one.
    const body = order.shipping ? {} : tracking ? { carrier, tracking_number: tracking } : { carrier, service };
    onChange(await api.post<Order>(`/api/v1/orders/${order.id}/ship`, body));
  });
  if (order.shipping) {
    return (
      <form
        class="ship-form"
        aria-label={t('merchant.ship') + ' ' + t('orders.order', { id: order.id })}
        onSubmit={(event) => {
          event.preventDefault();
          ship.run();
        }}
      >
        <p class="muted">{t('merchant.ship_paid', { carrier: order.shipping.carrier, service: enumLabel('tracking.service', order.shipping.service) })}</p>
        <ErrorText error={ship.error} />
        <Button type="submit" busy={ship.busy}>
          {t('merchant.ship_submit')}
        </Button>
      </form>
    );
  }
  return (
    <form
      class="ship-form"
      aria-label={t('merchant.ship') + ' ' + t('orders.order', { id: order.id })}
      onSubmit={(event) => {
        event.preventDefault();
        ship.run();
      }}
    >
      <p class="muted">{t('merchant.ship_hint')}</p>
      <div class="row">
        <TextField label={t('merchant.carrier')} name="carrier" required value={carrier} onValue={setCarrier} error={fieldError(ship.error, 'carrier')} />
        <TextField label={t('merchant.tracking')} name="tracking_number" value={tracking} onValue={setTracking} error={fieldError(ship.error, 'tracking_number')} />
        <SelectField
          label={t('merchant.service')}
          name="service"
          value={service}
          onValue={setService}
          options={[
            { value: 'standard', label: t('tracking.service.standard') },
            { value: 'express', label: t('tracking.service.express') },
          ]}
        />
      </div>
      <ErrorText error={formError(ship.error, ['carrier', 'tracking_number'])} />
      <Button type="submit" busy={ship.busy}>
        {t('merchant.ship_submit')}
      </Button>
    </form>
  );
}

export function MerchantActions({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const keys = useOperationKeys();
  const act = useAction(async (path: string) => {
    await api.post(`/api/v1/orders/${order.id}/${path}`, {}, { idempotencyKey: keys.key(path) });
    keys.done(path);
    onChange(await api.get<Order>(`/api/v1/orders/${order.id}`));
  });
  return (
    <div class="actions">
      {order.status === 'paid' && <ShipForm order={order} onChange={onChange} />}
      {order.status === 'shipped' && order.shipping && (
        <p>
          <Link href={`/label/${order.id}`}>{t('label.link')}</Link>
        </p>
      )}
      <div class="row">
        {order.status === 'refund_requested' && (
          <>
            <Button busy={act.busy} onClick={() => act.run('refund-requests/accept')}>
              {t('merchant.accept_refund')}
            </Button>
            <Button variant="secondary" busy={act.busy} onClick={() => act.run('refund-requests/decline')}>
              {t('merchant.decline_refund')}
            </Button>
          </>
        )}
      </div>
      <ErrorText error={act.error} />
    </div>
  );
}

export function MerchantOrdersSection({ shop }: { shop: Shop }) {
  const toShip = useResource(
    () => api.get<Page<Order>>('/api/v1/orders' + query({ role: 'merchant', shop_id: shop.id, status: 'paid', limit: 50 })),
    [shop.id],
  );
  const recent = useResource(
    () => api.get<Page<Order>>('/api/v1/orders' + query({ role: 'merchant', shop_id: shop.id, limit: 50 })),
    [shop.id],
  );
  const onChange = () => {
    toShip.reload();
    recent.reload();
  };
  const actions = (order: Order, change: (order: Order) => void) => <MerchantActions order={order} onChange={change} />;
  return (
    <section>
      <PageTitle title={t('merchant.orders')}>{t('merchant.orders')}</PageTitle>
      <Loaded resource={toShip}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('merchant.no_orders')}</p>
          ) : (
            <div class="stack">
              {page.items.map((order) => (
                <OrderCard key={order.id} order={order} onChange={onChange} actions={actions} />
              ))}
            </div>
          )
        }
      </Loaded>
      <h2>{t('merchant.all_orders')}</h2>
      <Loaded resource={recent}>
        {(page) => {
          const others = page.items.filter((order) => order.status !== 'paid');
          return others.length === 0 ? (
            <p class="muted">{t('merchant.no_recent_orders')}</p>
          ) : (
            <div class="stack">
              {others.map((order) => (
                <OrderCard key={order.id} order={order} onChange={onChange} actions={actions} headingLevel="h3" />
              ))}
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}
