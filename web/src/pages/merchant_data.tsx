// The shop's own sales data: totals, sales and orders over time (uPlot),
// repeat buyers, refund rate, top products and buyer cities, and a CSV export.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, query } from '../api';
import { Button, SelectField } from '../components/form';
import { Loaded, MoneyText, PageTitle } from '../components/ui';
import { useResource } from '../hooks';
import { formatMoney, minorDigits, t } from '../i18n';
import { session } from '../session';
import type { Money, Shop } from '../types';

interface Bucket {
  period_start?: string;
  orders: number;
  sales: Money;
  average_order_value: Money;
  buyers: number;
  repeat_orders: number;
  repeat_order_share_bps: number;
  refunds: number;
  refunded: Money;
  refund_rate_bps: number;
  cancelled: number;
  disputes: number;
  completed: number;
}

interface ShopAnalytics {
  from: string;
  to: string;
  currency: string;
  totals: Bucket;
  series: Bucket[];
  top_products: { product_id: number; title: string; units: number; sales: Money }[];
  cities: { city: string; country: string; orders: number; sales: Money }[];
}

const kRanges = [
  ['30', 'day'],
  ['90', 'week'],
  ['365', 'month'],
] as const;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function percent(bps: number): string {
  return (bps / 100).toFixed(1) + ' %';
}

function SalesChart({ data }: { data: ShopAnalytics }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const scale = 10 ** minorDigits(data.currency);
    const xs = data.series.map((bucket) => Date.parse(bucket.period_start + 'T00:00:00Z') / 1000);
    const sales = data.series.map((bucket) => bucket.sales.amount / scale);
    const orders = data.series.map((bucket) => bucket.orders);
    const plot = new uPlot(
      {
        width: Math.max(280, target.clientWidth),
        height: 240,
        series: [
          {},
          { label: t('data.sales') + ' (' + data.currency + ')', stroke: '#d9480f', width: 2, scale: 'money' },
          { label: t('data.orders'), stroke: '#1864ab', width: 2, scale: 'count' },
        ],
        axes: [{}, { scale: 'money' }, { scale: 'count', side: 1, grid: { show: false } }],
      },
      [xs, sales, orders],
      target,
    );
    // Follows the page's width (a phone turned, a window resized).
    const resize = () => plot.setSize({ width: Math.max(280, target.clientWidth), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [data]);
  return <div class="analytics-chart" ref={element} role="img" aria-label={t('data.chart')} />;
}

async function downloadCsv(shop: Shop, params: string) {
  const token = session.get()?.token;
  const response = await fetch(`/api/v1/shops/${shop.id}/analytics${params}&format=csv`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `shop-${shop.id}-sales.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

export function DataSection({ shop }: { shop: Shop }) {
  const [range, setRange] = useState<string>('30');
  const granularity = kRanges.find(([days]) => days === range)?.[1] ?? 'day';
  const to = new Date();
  const from = new Date(to.getTime() - (Number(range) - 1) * 86_400_000);
  const params = query({ from: isoDay(from), to: isoDay(to), granularity });
  const analytics = useResource(() => api.get<ShopAnalytics>(`/api/v1/shops/${shop.id}/analytics${params}`), [shop.id, params]);
  return (
    <section class="analytics">
      <PageTitle title={t('data.title')}>{t('data.title')}</PageTitle>
      <div class="analytics-controls">
        <SelectField
          label={t('data.range')}
          name="range"
          value={range}
          onValue={setRange}
          options={kRanges.map(([days]) => ({ value: days, label: t('data.last_days', { days }) }))}
        />
        <Button variant="secondary" onClick={() => downloadCsv(shop, params)}>
          {t('data.export_csv')}
        </Button>
      </div>
      <Loaded resource={analytics}>
        {(data) => (
          <>
            <dl class="stats analytics-totals">
              <div>
                <dt>{t('data.sales')}</dt>
                <dd class="analytics-sales">
                  <MoneyText money={data.totals.sales} />
                </dd>
              </div>
              <div>
                <dt>{t('data.orders')}</dt>
                <dd class="analytics-orders">{data.totals.orders}</dd>
              </div>
              <div>
                <dt>{t('data.average_order')}</dt>
                <dd>
                  <MoneyText money={data.totals.average_order_value} />
                </dd>
              </div>
              <div>
                <dt>{t('data.buyers')}</dt>
                <dd>{data.totals.buyers}</dd>
              </div>
              <div>
                <dt>{t('data.repeat_share')}</dt>
                <dd>{percent(data.totals.repeat_order_share_bps)}</dd>
              </div>
              <div>
                <dt>{t('data.refund_rate')}</dt>
                <dd>{percent(data.totals.refund_rate_bps)}</dd>
              </div>
            </dl>
            <h2>{t('data.over_time')}</h2>
            <SalesChart data={data} />
            <div class="analytics-tables">
              <div>
                <h2>{t('data.top_products')}</h2>
                {data.top_products.length === 0 ? (
                  <p>{t('data.no_sales')}</p>
                ) : (
                  <table class="table analytics-products">
                    <thead>
                      <tr>
                        <th>{t('data.product')}</th>
                        <th>{t('data.units')}</th>
                        <th>{t('data.sales')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.top_products.map((product) => (
                        <tr key={product.product_id}>
                          <td>{product.title}</td>
                          <td>{product.units}</td>
                          <td>{formatMoney(product.sales)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
              <div>
                <h2>{t('data.cities')}</h2>
                {data.cities.length === 0 ? (
                  <p>{t('data.no_sales')}</p>
                ) : (
                  <table class="table analytics-cities">
                    <thead>
                      <tr>
                        <th>{t('data.city')}</th>
                        <th>{t('data.orders')}</th>
                        <th>{t('data.sales')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.cities.map((city) => (
                        <tr key={city.country + city.city}>
                          <td>
                            {city.city}, {city.country}
                          </td>
                          <td>{city.orders}</td>
                          <td>{formatMoney(city.sales)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}
