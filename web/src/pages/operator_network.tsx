// The operator's view of the delivery network: a map of its cities, hubs and
// linehaul legs, the carriers with their API keys (issued once, revocable),
// and the customs rules checkout applies to cross-border parcels.
import { useState } from 'preact/hooks';
import { api } from '../api';
import type {
  GetAdminCarriersByCarrierIdKeysResponse,
  GetAdminNetworkResponse,
  GetLandedCostRulesResponse,
  PostAdminCarriersByCarrierIdKeysResponse,
} from '../api-types';
import { Button, ErrorText, Notice } from '../components/form';
import { Loaded, MoneyText, PageTitle } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { formatDateTime, t } from '../i18n';

type Network = GetAdminNetworkResponse;

const kMapWidth = 720;
const kMapHeight = 360;

// An equirectangular projection of the network's own bounding box, padded.
function projector(cities: Network['cities']) {
  const lons = cities.map((city) => city.lon);
  const lats = cities.map((city) => city.lat);
  const [west, east] = [Math.min(...lons) - 5, Math.max(...lons) + 5];
  const [south, north] = [Math.min(...lats) - 5, Math.max(...lats) + 5];
  return (lat: number, lon: number) => ({
    x: ((lon - west) / Math.max(1, east - west)) * kMapWidth,
    y: ((north - lat) / Math.max(1, north - south)) * kMapHeight,
  });
}

// Cities as dots, hubs as squares, and one line per pair of hubs a linehaul
// leg joins (whatever its carrier, service or day).
export function NetworkMap({ network }: { network: Network }) {
  if (network.cities.length === 0) return null;
  const project = projector(network.cities);
  const cityById = new Map(network.cities.map((city) => [city.id, city]));
  const hubPoint = new Map(
    network.hubs.flatMap((hub) => {
      const city = cityById.get(hub.city);
      return city ? [[hub.id, project(city.lat, city.lon)] as const] : [];
    }),
  );
  const pairs = new Map<string, { from: { x: number; y: number }; to: { x: number; y: number } }>();
  for (const leg of network.legs) {
    const from = hubPoint.get(leg.from_hub);
    const to = hubPoint.get(leg.to_hub);
    const key = [leg.from_hub, leg.to_hub].sort().join('|');
    if (from && to && !pairs.has(key)) pairs.set(key, { from, to });
  }
  return (
    <svg class="network-map" viewBox={`0 0 ${kMapWidth} ${kMapHeight}`} role="img" aria-label={t('network.map')}>
      <title>{t('network.map_title', { cities: network.cities.length, hubs: network.hubs.length, legs: pairs.size })}</title>
      <rect width={kMapWidth} height={kMapHeight} class="map-sea" />
      {[...pairs.entries()].map(([key, { from, to }]) => (
        <line key={key} class="map-leg" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
      ))}
      {network.cities.map((city) => {
        const point = project(city.lat, city.lon);
        return (
          <circle key={city.id} class="map-city" cx={point.x} cy={point.y} r={2}>
            <title>{city.name}</title>
          </circle>
        );
      })}
      {network.hubs.map((hub) => {
        const point = hubPoint.get(hub.id);
        return point ? (
          <g key={hub.id} class="map-hub">
            <rect x={point.x - 4} y={point.y - 4} width={8} height={8}>
              <title>{hub.name}</title>
            </rect>
            <text x={point.x + 6} y={point.y - 6}>
              {hub.id}
            </text>
          </g>
        ) : null;
      })}
    </svg>
  );
}

// One carrier's API keys: list, issue (the key is shown once), revoke.
function CarrierKeys({ carrier }: { carrier: { id: string; name: string } }) {
  const path = `/api/v1/admin/carriers/${encodeURIComponent(carrier.id)}/keys`;
  const keys = useResource(() => api.get<GetAdminCarriersByCarrierIdKeysResponse>(path), [path]);
  const [issued, setIssued] = useState<string | null>(null);
  const issue = useAction(async () => {
    const created = await api.post<PostAdminCarriersByCarrierIdKeysResponse>(path, { scopes: ['shipments:write'], label: `${carrier.name} tracking` });
    setIssued(created.key);
    keys.reload();
  });
  const revoke = useAction(async (id: number) => {
    await api.delete(`${path}/${id}`);
    keys.reload();
  });
  return (
    <section class="card stack carrier" aria-labelledby={`carrier-${carrier.id}`}>
      <h3 id={`carrier-${carrier.id}`}>
        {carrier.name} <span class="muted">· {carrier.id}</span>
      </h3>
      <Loaded resource={keys}>
        {(data) =>
          data.keys.length === 0 ? (
            <p class="muted">{t('network.no_keys')}</p>
          ) : (
            <ul class="summary">
              {data.keys.map((key) => (
                <li key={key.id} data-active={key.active}>
                  <code>{key.display}</code> · {key.scopes.join(', ')} ·{' '}
                  {key.last_used_at ? t('network.key_used', { date: formatDateTime(key.last_used_at) }) : t('network.key_unused')}
                  {key.active ? (
                    <>
                      {' '}
                      <Button variant="secondary" busy={revoke.busy} onClick={() => revoke.run(key.id)}>
                        {t('network.revoke')}
                      </Button>
                    </>
                  ) : (
                    <> · {t('network.revoked')}</>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {issued && (
        <Notice>
          {t('network.key_once')} <code class="secret">{issued}</code>
        </Notice>
      )}
      <ErrorText error={issue.error ?? revoke.error} />
      <Button busy={issue.busy} onClick={() => issue.run()}>
        {t('network.issue_key')}
      </Button>
    </section>
  );
}

function CustomsRules() {
  const rules = useResource(() => api.get<GetLandedCostRulesResponse>('/api/v1/landed-cost-rules'), []);
  const percent = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)} %`;
  return (
    <Loaded resource={rules}>
      {(data) => (
        <div class="table-scroll">
          <table class="customs-rules">
            <caption>{t('network.customs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.country')}</th>
                <th scope="col">{t('network.duty_free')}</th>
                <th scope="col">{t('network.vat_free')}</th>
                <th scope="col">{t('network.vat')}</th>
                <th scope="col">{t('network.duty')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((rule) => (
                <tr key={rule.country}>
                  <th scope="row">
                    {rule.country}
                    {rule.customs_union && <span class="muted"> · {rule.customs_union}</span>}
                  </th>
                  <td>
                    <MoneyText money={rule.duty_free_up_to} />
                  </td>
                  <td>{rule.vat_free_up_to ? <MoneyText money={rule.vat_free_up_to} /> : t('network.every_parcel')}</td>
                  <td>{percent(rule.vat_bps)}</td>
                  <td class="muted">
                    {Object.entries(rule.duty_bps)
                      .map(([name, bps]) => `${name} ${percent(bps)}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Loaded>
  );
}

export function NetworkSection() {
  const network = useResource(() => api.get<Network>('/api/v1/admin/network'), []);
  return (
    <section class="stack">
      <PageTitle title={t('network.title')}>{t('network.title')}</PageTitle>
      <Loaded resource={network}>
        {(data) => (
          <>
            <dl class="stats">
              {(
                [
                  ['network.cities', data.cities.length],
                  ['network.hubs', data.hubs.length],
                  ['network.legs', data.legs.length],
                  ['network.rates', data.rates.length],
                ] as const
              ).map(([label, value]) => (
                <div key={label}>
                  <dt>{t(label)}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <NetworkMap network={data} />
            <h2>{t('network.carriers')}</h2>
            {data.carriers.map((carrier) => (
              <CarrierKeys key={carrier.id} carrier={carrier} />
            ))}
          </>
        )}
      </Loaded>
      <h2>{t('network.customs_title')}</h2>
      <CustomsRules />
    </section>
  );
}
