// The shop's money: what is available, what is still in escrow, and payouts.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, Notice, TextField } from '../components/form';
import { Loaded, MoneyText, PageTitle, StatusBadge } from '../components/ui';
import { fieldError, formError, useAction, useOperationKeys, useResource } from '../hooks';
import { formatDateTime, parseMoney, t } from '../i18n';
import type { Money, Page, Payout, Shop } from '../types';

export function BalanceSection({ shop }: { shop: Shop }) {
  const balance = useResource(() => api.get<{ available: Money; pending: Money }>(`/api/v1/shops/${shop.id}/balance`), [shop.id]);
  const payouts = useResource(() => api.get<Page<Payout>>(`/api/v1/payouts?shop_id=${shop.id}&limit=50`), [shop.id]);
  const [amount, setAmount] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const keys = useOperationKeys();
  const request = useAction(async (minor: number) => {
    await api.post(
      '/api/v1/payouts',
      { shop_id: shop.id, amount: { amount: minor, currency: shop.currency } },
      { idempotencyKey: keys.key('payout') },
    );
    keys.done('payout');
    setAmount('');
    setDone(true);
    balance.reload();
    payouts.reload();
  });
  return (
    <section>
      <PageTitle title={t('merchant.balance')}>{t('merchant.balance')}</PageTitle>
      <Loaded resource={balance}>
        {(data) => (
          <dl class="stats">
            <div>
              <dt>{t('merchant.available')}</dt>
              <dd class="shop-available">
                <MoneyText money={data.available} />
              </dd>
            </div>
            <div>
              <dt>{t('merchant.pending')}</dt>
              <dd class="shop-pending">
                <MoneyText money={data.pending} />
              </dd>
            </div>
          </dl>
        )}
      </Loaded>
      <form
        class="card stack narrow"
        onSubmit={(event) => {
          event.preventDefault();
          setDone(false);
          const minor = parseMoney(amount, shop.currency);
          if (minor === null || minor <= 0) {
            setLocalError(t('merchant.payout_amount'));
            return;
          }
          setLocalError(undefined);
          request.run(minor);
        }}
      >
        <TextField
          label={`${t('merchant.payout_amount')} (${shop.currency})`}
          name="amount"
          inputMode="decimal"
          required
          value={amount}
          onValue={setAmount}
          error={localError ?? fieldError(request.error, 'amount', 'amount.amount')}
        />
        <ErrorText error={formError(request.error, ['amount', 'amount.amount'])} />
        <Button type="submit" busy={request.busy}>
          {t('merchant.request_payout')}
        </Button>
        {done && <Notice>{t('merchant.payout_requested')}</Notice>}
      </form>
      <h2>{t('merchant.payouts')}</h2>
      <Loaded resource={payouts}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('merchant.no_payouts')}</p>
          ) : (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('common.date')}</th>
                    <th scope="col">{t('common.amount')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((payout) => (
                    <tr key={payout.id}>
                      <td>{formatDateTime(payout.created_at)}</td>
                      <td>
                        <MoneyText money={payout.amount} />
                      </td>
                      <td>
                        <StatusBadge status={payout.status} />
                      </td>
                    </tr>
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
