// The operator's view: marketplace overview, disputes to resolve, payouts to
// mark paid, and the ledger invariant check. /admin/<section>.
import { ModerationQueue } from './reviews';
import { api } from '../api';
import { Button, ErrorText } from '../components/form';
import { Loaded, MoneyText, PageTitle, StatusBadge, statusLabel } from '../components/ui';
import { useAction, useOperationKeys, useResource } from '../hooks';
import { formatDateTime, t } from '../i18n';
import { Link } from '../router';
import { session } from '../session';
import type { Money, Order, Page, Payout } from '../types';
import { RequireLogin } from './auth';
import { CreditBookSection } from './operator_credit';
import { NetworkSection } from './operator_network';
import { OrderCard } from './orders';

const kSections = [
  ['', 'operator.overview'],
  ['disputes', 'operator.disputes'],
  ['payouts', 'operator.payouts'],
  ['ledger', 'operator.ledger'],
  ['credit', 'credit.book'],
  ['reviews', 'reviews.moderation_title'],
  ['network', 'network.title'],
] as const;

// GET /api/v1/admin/overview: counts over the whole store, not a page of it.
interface OverviewData {
  users: number;
  shops: number;
  products: number;
  orders: number;
  orders_by_status: Record<string, number>;
  gmv: Money[];
  payables: { account: 'shipping_payable' | 'tax_payable'; balance: Money }[];
  disputes_open: number;
  payouts_requested: number;
}

function OverviewSection() {
  const overview = useResource(() => api.get<OverviewData>('/api/v1/admin/overview'), []);
  return (
    <section>
      <PageTitle title={t('operator.overview')}>{t('operator.overview')}</PageTitle>
      <Loaded resource={overview}>
        {(data) => {
          const byStatus = Object.entries(data.orders_by_status);
          return (
            <>
              <dl class="stats">
                {(
                  [
                    ['operator.users', data.users],
                    ['operator.shops', data.shops],
                    ['operator.products', data.products],
                    ['operator.orders', data.orders],
                    ['operator.disputes_open', data.disputes_open],
                    ['operator.payouts_requested', data.payouts_requested],
                  ] as const
                ).map(([label, value]) => (
                  <div key={label}>
                    <dt>{t(label)}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <h2>{t('operator.gmv')}</h2>
              <ul class="summary">
                {data.gmv.map((money) => (
                  <li key={money.currency}>
                    <MoneyText money={money} />
                  </li>
                ))}
              </ul>
              <h2>{t('operator.payables')}</h2>
              {data.payables.length === 0 ? (
                <p class="muted">{t('operator.payables_none')}</p>
              ) : (
                <ul class="summary payables">
                  {data.payables.map((payable) => (
                    <li key={payable.account + payable.balance.currency}>
                      {t(payable.account === 'tax_payable' ? 'operator.tax_payable' : 'operator.shipping_payable')}: <MoneyText money={payable.balance} />
                    </li>
                  ))}
                </ul>
              )}
              <h2>{t('operator.orders_by_status')}</h2>
              <ul class="bars">
                {byStatus.map(([status, count]) => (
                  <li key={status}>
                    <span class="bar-label">{statusLabel(status)}</span>
                    <span class="bar" style={{ width: `${Math.max(2, (100 * count) / Math.max(1, data.orders))}%` }} aria-hidden="true" />
                    <span class="bar-value">{count}</span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function DisputeActions({ order, onDone }: { order: Order; onDone: () => void }) {
  const keys = useOperationKeys();
  const resolve = useAction(async (outcome: 'refund' | 'release') => {
    await api.post(`/api/v1/orders/${order.id}/resolve`, { outcome }, { idempotencyKey: keys.key(outcome) });
    keys.done(outcome);
    onDone();
  });
  return (
    <div class="actions">
      {order.dispute && <p>{order.dispute.reason}</p>}
      <div class="row">
        <Button busy={resolve.busy} onClick={() => resolve.run('refund')}>
          {t('operator.resolve_refund')}
        </Button>
        <Button variant="secondary" busy={resolve.busy} onClick={() => resolve.run('release')}>
          {t('operator.resolve_release')}
        </Button>
      </div>
      <ErrorText error={resolve.error} />
    </div>
  );
}

function DisputesSection() {
  const disputes = useResource(() => api.get<Page<Order>>('/api/v1/orders?role=operator&status=disputed&limit=50'), []);
  return (
    <section>
      <PageTitle title={t('operator.disputes')}>{t('operator.disputes')}</PageTitle>
      <Loaded resource={disputes}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('operator.no_disputes')}</p>
          ) : (
            <div class="stack">
              {page.items.map((order) => (
                <OrderCard key={order.id} order={order} onChange={disputes.reload} actions={(o) => <DisputeActions order={o} onDone={disputes.reload} />} />
              ))}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

function PayoutRow({ payout, onDone }: { payout: Payout; onDone: () => void }) {
  const keys = useOperationKeys();
  const mark = useAction(async (outcome: 'mark-paid' | 'mark-failed') => {
    await api.post(`/api/v1/payouts/${payout.id}/${outcome}`, {}, { idempotencyKey: keys.key(outcome) });
    keys.done(outcome);
    onDone();
  });
  return (
    <tr>
      <td>{formatDateTime(payout.created_at)}</td>
      <td>
        <Link href={`/shops/${payout.shop_id}`}>{t('operator.shop_id', { id: payout.shop_id })}</Link>
      </td>
      <td>
        <MoneyText money={payout.amount} />
      </td>
      <td>
        <StatusBadge status={payout.status} />
      </td>
      <td>
        {payout.status === 'requested' && (
          <div class="row">
            <Button busy={mark.busy} onClick={() => mark.run('mark-paid')}>
              {t('operator.mark_paid')}
            </Button>
            <Button variant="secondary" busy={mark.busy} onClick={() => mark.run('mark-failed')}>
              {t('operator.mark_failed')}
            </Button>
          </div>
        )}
        <ErrorText error={mark.error} />
      </td>
    </tr>
  );
}

function PayoutsSection() {
  const payouts = useResource(() => api.get<Page<Payout>>('/api/v1/payouts?limit=100'), []);
  return (
    <section>
      <PageTitle title={t('operator.payouts')}>{t('operator.payouts')}</PageTitle>
      <Loaded resource={payouts}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('operator.no_payouts')}</p>
          ) : (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('common.date')}</th>
                    <th scope="col">{t('operator.shops')}</th>
                    <th scope="col">{t('common.amount')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((payout) => (
                    <PayoutRow key={payout.id} payout={payout} onDone={payouts.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

function LedgerSection() {
  const check = useResource(() => api.get<{ ok: boolean; problems: string[] }>('/api/v1/admin/ledger-check'), []);
  return (
    <section>
      <PageTitle title={t('operator.ledger')}>{t('operator.ledger')}</PageTitle>
      <Loaded resource={check}>
        {(data) =>
          data.ok ? (
            <p class="ok-box" role="status">
              {t('operator.ledger_ok')}
            </p>
          ) : (
            <div class="error-box" role="alert">
              <p>{t('operator.ledger_problems')}</p>
              <ul>
                {data.problems.map((problem, index) => (
                  <li key={index}>{problem}</li>
                ))}
              </ul>
            </div>
          )
        }
      </Loaded>
      <Button variant="secondary" busy={check.loading} onClick={check.reload}>
        {t('operator.run_check')}
      </Button>
    </section>
  );
}

export function OperatorPage({ params }: { params: Record<string, string> }) {
  const current = session.use();
  if (!current) return <RequireLogin />;
  if (current.user.role !== 'operator') return <ErrorText error={t('auth.forbidden')} />;
  const section = params.section ?? '';
  return (
    <div class="console">
      <p class="eyebrow">{t('operator.title')}</p>
      <nav aria-label={t('operator.title')} class="tabs">
        <ul>
          {kSections.map(([name, label]) => (
            <li key={name}>
              <Link href={'/admin' + (name ? '/' + name : '')} aria-current={section === name ? 'page' : undefined}>
                {t(label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'disputes' ? <DisputesSection /> : section === 'payouts' ? <PayoutsSection /> : section === 'ledger' ? <LedgerSection /> : section === 'credit' ? <CreditBookSection /> : section === 'reviews' ? <ModerationQueue /> : section === 'network' ? <NetworkSection /> : <OverviewSection />}
    </div>
  );
}
