// A shipping label for the merchant to print and stick on the parcel: from,
// to, the carrier and service, the tracking number as a Code 128 barcode,
// and the hubs the parcel will pass. /label/:id, for a shipped order.
import { api } from '../api';
import { Barcode } from '../components/barcode';
import { Button } from '../components/form';
import { enumLabel, Loaded, PageTitle } from '../components/ui';
import { useResource } from '../hooks';
import { formatDateTime, t } from '../i18n';
import { session } from '../session';
import type { Order, Tracking } from '../types';
import { RequireLogin } from './auth';

export function LabelPage({ params }: { params: Record<string, string> }) {
  const current = session.use();
  const label = useResource(
    current
      ? async () => {
          const [order, tracking] = await Promise.all([api.get<Order>(`/api/v1/orders/${params.id}`), api.get<Tracking>(`/api/v1/orders/${params.id}/tracking`)]);
          return { order, tracking };
        }
      : null,
    [params.id, current?.token],
  );
  if (!current) return <RequireLogin />;
  const title = t('label.title', { id: params.id });
  return (
    <section class="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <Loaded resource={label}>
        {({ order, tracking }) => {
          const shipment = tracking.shipment;
          if (!shipment) return <p>{t('label.not_shipped')}</p>;
          const address = order.shipping_address;
          return (
            <>
              <article class="label card" aria-label={t('label.aria')}>
                <header class="label-carrier">
                  <strong>{shipment.carrier_name ?? shipment.carrier_id}</strong> · {enumLabel('tracking.service', shipment.service)}
                </header>
                <div class="label-parties">
                  <div>
                    <h2>{t('label.from')}</h2>
                    <p>
                      {order.shop.name}
                      <br />
                      {shipment.from_city}
                    </p>
                  </div>
                  <div>
                    <h2>{t('label.to')}</h2>
                    <address>
                      {address.name}
                      <br />
                      {address.line1}
                      {address.line2 && (
                        <>
                          <br />
                          {address.line2}
                        </>
                      )}
                      <br />
                      {address.postal_code} {address.city}, {address.country}
                      {address.phone && (
                        <>
                          <br />
                          {address.phone}
                        </>
                      )}
                    </address>
                  </div>
                </div>
                <Barcode text={shipment.tracking_number} />
                <p class="label-tracking">{shipment.tracking_number}</p>
                <p class="label-route">{[shipment.legs[0]?.from, ...shipment.legs.map((leg) => leg.to)].filter(Boolean).join(' → ')}</p>
                <p class="muted">
                  {t('label.order', { id: order.id })} · {t('tracking.promised', { date: formatDateTime(shipment.promised_by) })}
                </p>
              </article>
              <Button class="no-print" onClick={() => window.print()}>
                {t('label.print')}
              </Button>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
