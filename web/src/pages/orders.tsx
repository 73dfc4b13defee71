// The buyer's orders: status and its history, and the actions the order's
// status allows (pay, cancel, confirm receipt, refund, dispute).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, query } from '../api';
import { Button, ErrorText, SelectField, TextAreaField } from '../components/form';
import { Attrs, Loaded, MoneyText, PageTitle, StatusBadge, Timeline, enumLabel, statusLabel } from '../components/ui';
import { fieldError, formError, useAction, useOperationKeys, useResource } from '../hooks';
import { formatDate, formatDateTime, formatMoney, t } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { session } from '../session';
import type { GetCitiesResponse } from '../api-types';
import type { Order, OrderStatus, Page, Tracking } from '../types';
import { RequireLogin } from './auth';
import { OrderReviews } from './reviews';

export const kOrderStatuses: OrderStatus[] = [
  'pending_payment', 'paid', 'shipped', 'delivered', 'completed',
  'cancelled', 'refund_requested', 'refunded', 'disputed', 'resolved',
];

export function OrderLines({ order }: { order: Order }) {
  return (
    <ul class="order-lines">
      {order.lines.map((line) => (
        <li key={line.sku_id}>
          <Link href={`/products/${line.product_id}`}>{line.title}</Link> <Attrs attrs={line.attrs} /> × {line.quantity}{' '}
          <MoneyText money={line.line_total} />
        </li>
      ))}
    </ul>
  );
}

// A reason form that opens from a button (refund request, dispute).
function ReasonAction({
  label, reasonLabel, submitLabel, onSubmit,
}: {
  label: string;
  reasonLabel: string;
  submitLabel: string;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction(onSubmit);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <form
      class="stack reason-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await action.run(reason)) setOpen(false);
      }}
    >
      <TextAreaField label={reasonLabel} name="reason" required rows={2} value={reason} onValue={setReason} error={fieldError(action.error, 'reason')} />
      <ErrorText error={formError(action.error, ['reason'])} />
      <div class="row">
        <Button type="submit" busy={action.busy}>
          {submitLabel}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function BuyerActions({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const keys = useOperationKeys();
  const act = useAction(async (path: string, body: unknown = {}) => {
    const changed = await api.post<Order>(`/api/v1/orders/${order.id}/${path}`, body, { idempotencyKey: keys.key(path) });
    keys.done(path);
    onChange(changed);
  });
  const refreshAfter = (send: () => Promise<unknown>) => async () => {
    await send();
    onChange(await api.get<Order>(`/api/v1/orders/${order.id}`));
  };
  const requestRefund = async (reason: string) => {
    await api.post(`/api/v1/orders/${order.id}/refund-requests`, { reason }, { idempotencyKey: keys.key('refund-requests') });
    keys.done('refund-requests');
  };
  const status = order.status;
  return (
    <div class="actions">
      <div class="row">
        {status === 'pending_payment' && (
          <Button busy={act.busy} onClick={() => act.run('pay', { method: 'wallet' })}>
            {t('orders.pay')}
          </Button>
        )}
        {(status === 'pending_payment' || status === 'paid') && (
          <Button variant="secondary" busy={act.busy} onClick={() => act.run('cancel')}>
            {t('orders.cancel')}
          </Button>
        )}
        {(status === 'shipped' || status === 'delivered') && (
          <Button busy={act.busy} onClick={() => act.run('confirm')} title={t('orders.confirm_hint')}>
            {t('orders.confirm')}
          </Button>
        )}
      </div>
      <ErrorText error={act.error} />
      {(status === 'paid' || status === 'shipped' || status === 'delivered') && !order.refund && (
        <ReasonAction
          label={t('orders.refund')}
          reasonLabel={t('orders.refund_reason')}
          submitLabel={t('orders.refund_submit')}
          onSubmit={(reason) => refreshAfter(() => requestRefund(reason))()}
        />
      )}
      {(status === 'shipped' || status === 'delivered' || status === 'refund_requested') && !order.dispute && (
        <ReasonAction
          label={t('orders.dispute')}
          reasonLabel={t('orders.dispute_reason')}
          submitLabel={t('orders.dispute_submit')}
          onSubmit={(reason) => refreshAfter(() => api.post(`/api/v1/orders/${order.id}/disputes`, { reason }))()}
        />
      )}
    </div>
  );
}

export function OrderCard({
  order, onChange, actions, headingLevel = 'h2',
}: {
  order: Order;
  onChange: (order: Order) => void;
  actions?: (order: Order, onChange: (order: Order) => void) => ComponentChildren;
  headingLevel?: 'h2' | 'h3';
}) {
  const Heading = headingLevel;
  return (
    <article class="card order-card" aria-labelledby={`order-${order.id}`} data-order-id={order.id} data-status={order.status}>
      <header class="order-header">
        <Heading id={`order-${order.id}`}>
          <Link href={`/orders/${order.id}`}>{t('orders.order', { id: order.id })}</Link>{' '}
          <span class="muted">· {order.shop.name}</span>
        </Heading>
        <StatusBadge status={order.status} />
      </header>
      <p class="muted">{t('orders.placed', { date: formatDate(order.created_at) })}</p>
      <OrderLines order={order} />
      {order.shipping && (
        <p class="muted order-shipping">
          {t('orders.shipping', {
            carrier: order.shipping.carrier,
            service: enumLabel('tracking.service', order.shipping.service),
            fee: formatMoney(order.shipping.fee),
            date: formatDateTime(order.shipping.promised_by),
          })}
          {order.shipping.landed_cost && (
            <>
              {' '}
              {t('orders.landed_cost', { country: order.shipping.landed_cost.country, amount: formatMoney(order.shipping.landed_cost.total) })}
            </>
          )}
        </p>
      )}
      <p class="subtotal">
        {t('orders.total')}: <MoneyText money={order.total} />
      </p>
      {order.shipment && (
        <p>{t('orders.shipment', { carrier: order.shipment.carrier, tracking: order.shipment.tracking_number })}</p>
      )}
      {order.refund && (
        <p>{t('orders.refund_status', { status: statusLabel(order.refund.status), amount: formatMoney(order.refund.amount) })}</p>
      )}
      {order.dispute && <p>{t('orders.dispute_status', { status: statusLabel(order.dispute.status) })}</p>}
      {order.auto_complete_at && !['completed', 'refunded', 'cancelled', 'resolved'].includes(order.status) && (
        <p class="muted">{t('orders.auto_complete', { date: formatDate(order.auto_complete_at) })}</p>
      )}
      <details class="timeline-details" open>
        <summary>{t('orders.timeline')}</summary>
        <Timeline order={order} />
      </details>
      {actions ? actions(order, onChange) : <BuyerActions order={order} onChange={onChange} />}
      {!actions && order.status === 'completed' && <OrderReviews order={order} />}
    </article>
  );
}

export function OrdersPage() {
  const current = session.use();
  const { query: params } = useLocation();
  const status = params.get('status') ?? '';
  const orders = useResource(
    current ? () => api.get<Page<Order>>('/api/v1/orders' + query({ role: 'buyer', status, limit: 50 })) : null,
    [current?.token, status],
  );
  if (!current) return <RequireLogin />;
  const replace = (next: Order) =>
    orders.setData({ ...orders.data!, items: orders.data!.items.map((order) => (order.id === next.id ? next : order)) });
  return (
    <section>
      <div class="results-header">
        <PageTitle title={t('orders.title')}>{t('orders.title')}</PageTitle>
        <SelectField
          label={t('orders.filter_status')}
          name="status"
          value={status}
          onValue={(value) => navigate('/orders' + query({ status: value }))}
          options={[{ value: '', label: t('orders.all_statuses') }, ...kOrderStatuses.map((value) => ({ value, label: statusLabel(value) }))]}
        />
      </div>
      <Loaded resource={orders}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('orders.none')}</p>
          ) : (
            <div class="stack">
              {page.items.map((order) => (
                <OrderCard key={order.id} order={order} onChange={replace} />
              ))}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

type Shipment = NonNullable<Tracking['shipment']>;

// The shipment's route drawn over its own bounding box: the shop's city, the
// hubs, the buyer's city; the last hub the parcel was seen at is marked.
function RouteMap({ shipment }: { shipment: Shipment }) {
  const places = useResource(() => api.get<GetCitiesResponse>('/api/v1/cities?hubs=1'), []);
  return (
    <Loaded resource={places}>
      {(data) => {
        const cities = new Map(data.cities.map((city) => [city.id, city]));
        const hubCity = new Map((data.hubs ?? []).map((hub) => [hub.id, cities.get(hub.city)]));
        const where = (id: string) => cities.get(id) ?? hubCity.get(id);
        const stops = [shipment.legs[0]?.from, ...shipment.legs.map((leg) => leg.to)].filter((id): id is string => !!id);
        // A hub in the stop's own city is one point, labelled with both.
        const points: { ids: string[]; label: string; lat: number; lon: number }[] = [];
        for (const id of stops) {
          const place = where(id);
          if (!place) continue;
          const label = cities.get(id)?.name ?? id;
          const last = points[points.length - 1];
          if (last && last.lat === place.lat && last.lon === place.lon) {
            last.ids.push(id);
            last.label += ' · ' + label;
          } else {
            points.push({ ids: [id], label, lat: place.lat, lon: place.lon });
          }
        }
        if (points.length < 2) return null;
        const [width, height, pad] = [480, 220, 24];
        const lons = points.map((point) => point.lon);
        const lats = points.map((point) => point.lat);
        const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
        const x = (lon: number) => pad + ((lon - west) / Math.max(0.5, east - west)) * (width - 2 * pad);
        const y = (lat: number) => pad + ((north - lat) / Math.max(0.5, north - south)) * (height - 2 * pad);
        const seenAt = [...shipment.events].reverse().find((event) => event.hub)?.hub ?? null;
        return (
          <svg class="route-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('tracking.map')}>
            <polyline class="route-line" points={points.map((point) => `${x(point.lon)},${y(point.lat)}`).join(' ')} />
            {points.map((point, index) => {
              const here = seenAt !== null && point.ids.includes(seenAt);
              const right = x(point.lon) > width / 2;
              return (
                <g key={`${point.ids[0]}-${index}`} class={'route-stop' + (here ? ' here' : '')}>
                  <circle cx={x(point.lon)} cy={y(point.lat)} r={here ? 7 : 4} />
                  <text x={x(point.lon) + (right ? -8 : 8)} y={y(point.lat) + (y(point.lat) < height / 2 ? 18 : -10)} text-anchor={right ? 'end' : 'start'}>
                    {point.label}
                  </text>
                </g>
              );
            })}
          </svg>
        );
      }}
    </Loaded>
  );
}

// The carrier's tracking: the promise, the planned route and the events, newest last.
export function TrackingSection({ orderId, status }: { orderId: number; status: string }) {
  const tracking = useResource(() => api.get<Tracking>(`/api/v1/orders/${orderId}/tracking`), [orderId, status]);
  return (
    <Loaded resource={tracking}>
      {(data) =>
        data.shipment ? (
          <section class="card tracking" aria-labelledby="tracking-heading" data-shipment-status={data.shipment.status}>
            <h2 id="tracking-heading">{t('tracking.title')}</h2>
            <p>
              {t('tracking.carrier', {
                carrier: data.shipment.carrier_name ?? data.shipment.carrier_id,
                service: enumLabel('tracking.service', data.shipment.service),
                tracking: data.shipment.tracking_number,
              })}
            </p>
            <p>
              <strong>{enumLabel('tracking.status', data.shipment.status)}</strong>
              {data.shipment.status !== 'delivered' && data.shipment.status !== 'lost' && (
                <> · {t('tracking.eta', { date: formatDateTime(data.shipment.eta) })}</>
              )}
            </p>
            <p class="muted">{t('tracking.promised', { date: formatDateTime(data.shipment.promised_by) })}</p>
            <RouteMap shipment={data.shipment} />
            <ol class="route" aria-label={t('tracking.route')}>
              {data.shipment.legs.map((leg, index) => (
                <li key={index}>
                  {leg.from} → {leg.to} <time dateTime={leg.arrives_at}>{formatDateTime(leg.arrives_at)}</time>
                </li>
              ))}
            </ol>
            <ol class="timeline" aria-label={t('tracking.events')}>
              {data.shipment.events.map((event, index) => (
                <li key={event.event_id} class={index === data.shipment!.events.length - 1 ? 'current' : ''}>
                  <span class="timeline-status">{enumLabel('tracking.event', event.type)}</span>
                  {event.hub && <> · {event.hub}</>}
                  {event.reason && <> · {event.reason}</>}{' '}
                  <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </li>
              ))}
            </ol>
          </section>
        ) : null
      }
    </Loaded>
  );
}

export function OrderPage({ params }: { params: Record<string, string> }) {
  const current = session.use();
  const order = useResource(current ? () => api.get<Order>(`/api/v1/orders/${params.id}`) : null, [params.id, current?.token]);
  if (!current) return <RequireLogin />;
  const title = t('orders.order', { id: params.id });
  return (
    <section class="narrow-wide">
      <PageTitle title={title}>{title}</PageTitle>
      <Loaded resource={order}>
        {(data) => (
          <>
            <OrderCard order={data} onChange={order.setData} headingLevel="h2" />
            {data.shipment && <TrackingSection orderId={data.id} status={data.status} />}
            <section class="card" aria-labelledby="address-heading">
              <h2 id="address-heading">{t('orders.address')}</h2>
              <address>
                {data.shipping_address.name}
                <br />
                {data.shipping_address.line1}
                {data.shipping_address.line2 && (
                  <>
                    <br />
                    {data.shipping_address.line2}
                  </>
                )}
                <br />
                {data.shipping_address.postal_code} {data.shipping_address.city}, {data.shipping_address.country}
              </address>
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}
