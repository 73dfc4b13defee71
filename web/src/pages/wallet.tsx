// The buyer's wallet: balances per currency, sandbox top-ups (clearly test
// money), and the list of movements.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, Notice, SelectField, TextField } from '../components/form';
import { Loaded, MoneyText, PageTitle, TestModeBadge, enumLabel } from '../components/ui';
import { fieldError, formError, useAction, useOperationKeys, useResource } from '../hooks';
import { formatDateTime, formatMoney, parseMoney, t } from '../i18n';
import { session } from '../session';
import { kCurrencies } from '../currencies';
import type { Money, Page, Wallet, WalletTransaction } from '../types';
import { RequireLogin } from './auth';


function TopUpForm({ onDone }: { onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('CNY');
  const [done, setDone] = useState<Money | null>(null);
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const keys = useOperationKeys();
  const topUp = useAction(async (money: Money) => {
    await api.post(
      '/api/v1/wallet/top-ups',
      { amount: money, provider: 'sandbox' },
      { idempotencyKey: keys.key('top-up') },
    );
    keys.done('top-up');
    setDone(money);
    setAmount('');
    onDone();
  });
  const minor = parseMoney(amount, currency);
  return (
    <form
      class="stack card test-mode"
      aria-labelledby="top-up-heading"
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        if (minor === null || minor <= 0) {
          setLocalError(t('wallet.amount'));
          return;
        }
        setLocalError(undefined);
        topUp.run({ amount: minor, currency });
      }}
    >
      <h2 id="top-up-heading">
        {t('wallet.top_up')} <TestModeBadge />
      </h2>
      <p class="muted">
        {t('wallet.provider_sandbox')}: {t('app.test_mode_hint')}
      </p>
      <div class="row">
        <TextField
          label={t('wallet.amount')}
          name="amount"
          inputMode="decimal"
          required
          value={amount}
          onValue={setAmount}
          error={localError ?? fieldError(topUp.error, 'amount', 'amount.amount')}
        />
        <SelectField
          label={t('wallet.currency')}
          name="currency"
          value={currency}
          onValue={setCurrency}
          options={kCurrencies.map((code) => ({ value: code, label: code }))}
          error={fieldError(topUp.error, 'currency', 'amount.currency')}
        />
      </div>
      <ErrorText error={formError(topUp.error, ['amount', 'currency', 'amount.amount', 'amount.currency'])} />
      <Button type="submit" busy={topUp.busy}>
        {minor && minor > 0 ? t('wallet.top_up_submit', { amount: formatMoney({ amount: minor, currency }) }) : t('wallet.top_up')}
      </Button>
      {done && <Notice>{t('wallet.topped_up', { amount: formatMoney(done) })}</Notice>}
    </form>
  );
}

// Moves money between the buyer's own wallets at the marketplace's rate
// (POST /api/v1/wallet/conversions): orders are paid in the shop's currency.
function ConvertForm({ onDone }: { onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [from, setFrom] = useState('EUR');
  const [to, setTo] = useState('CNY');
  const [done, setDone] = useState<{ from: Money; to: Money } | null>(null);
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const keys = useOperationKeys();
  const convert = useAction(async (money: Money) => {
    const result = await api.post<{ from: Money; to: Money }>(
      '/api/v1/wallet/conversions',
      { amount: money, to_currency: to },
      { idempotencyKey: keys.key('conversion') },
    );
    keys.done('conversion');
    setDone(result);
    setAmount('');
    onDone();
  });
  const minor = parseMoney(amount, from);
  return (
    <form
      class="stack card"
      aria-labelledby="convert-heading"
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        if (minor === null || minor <= 0) {
          setLocalError(t('wallet.amount'));
          return;
        }
        setLocalError(undefined);
        convert.run({ amount: minor, currency: from });
      }}
    >
      <h2 id="convert-heading">{t('wallet.convert')}</h2>
      <p class="muted">{t('wallet.convert_hint')}</p>
      <div class="row">
        <TextField
          label={t('wallet.amount')}
          name="convert-amount"
          inputMode="decimal"
          required
          value={amount}
          onValue={setAmount}
          error={localError ?? fieldError(convert.error, 'amount', 'amount.amount')}
        />
        <SelectField
          label={t('wallet.convert_from')}
          name="convert-from"
          value={from}
          onValue={setFrom}
          options={kCurrencies.map((code) => ({ value: code, label: code }))}
        />
        <SelectField
          label={t('wallet.convert_to')}
          name="convert-to"
          value={to}
          onValue={setTo}
          options={kCurrencies.map((code) => ({ value: code, label: code }))}
          error={fieldError(convert.error, 'to_currency')}
        />
      </div>
      <ErrorText error={formError(convert.error, ['amount', 'amount.amount', 'to_currency'])} />
      <Button type="submit" busy={convert.busy}>
        {t('wallet.convert')}
      </Button>
      {done && (
        <Notice>{t('wallet.converted', { from: formatMoney(done.from), to: formatMoney(done.to) })}</Notice>
      )}
    </form>
  );
}

export function WalletPage() {
  const current = session.use();
  const wallet = useResource(current ? () => api.get<Wallet>('/api/v1/wallet') : null, [current?.token]);
  const transactions = useResource(
    current ? () => api.get<Page<WalletTransaction>>('/api/v1/wallet/transactions?limit=50') : null,
    [current?.token],
  );
  if (!current) return <RequireLogin />;
  const reload = () => {
    wallet.reload();
    transactions.reload();
  };
  return (
    <section>
      <PageTitle title={t('wallet.title')}>{t('wallet.title')}</PageTitle>
      <div class="two-columns">
        <section class="card" aria-labelledby="balances-heading">
          <h2 id="balances-heading">{t('wallet.balances')}</h2>
          <Loaded resource={wallet}>
            {(data) =>
              data.balances.length === 0 ? (
                <p>{t('wallet.empty')}</p>
              ) : (
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('wallet.currency')}</th>
                      <th scope="col">{t('wallet.available')}</th>
                      <th scope="col">{t('wallet.pending')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.balances.map((balance) => (
                      <tr key={balance.currency}>
                        <th scope="row">{balance.currency}</th>
                        <td class="balance-available">
                          <MoneyText money={balance.available} />
                        </td>
                        <td>
                          <MoneyText money={balance.pending} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Loaded>
        </section>
        <TopUpForm onDone={reload} />
        <ConvertForm onDone={reload} />
      </div>
      <section aria-labelledby="transactions-heading">
        <h2 id="transactions-heading">{t('wallet.transactions')}</h2>
        <Loaded resource={transactions}>
          {(page) =>
            page.items.length === 0 ? (
              <p>{t('wallet.no_transactions')}</p>
            ) : (
              <div class="table-scroll">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('common.date')}</th>
                      <th scope="col">{t('wallet.description')}</th>
                      <th scope="col">{t('common.amount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((item) => (
                      <tr key={item.id}>
                        <td>{formatDateTime(item.created_at)}</td>
                        <td>
                          {enumLabel('kind', item.kind)}{' '}
                          {item.pending && <span class="badge">{t('wallet.pending_entry')}</span>}
                        </td>
                        <td class={item.direction === 'in' ? 'amount-in' : 'amount-out'}>
                          {item.direction === 'in' ? '+' : '−'}
                          <MoneyText money={item.amount} />
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
    </section>
  );
}
