// Working capital: the shop's offer with its reasons, taking a loan in a
// few clicks, and the loan's repayment from sales. /sell/credit
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, Notice, TextField } from '../components/form';
import { Loaded, MoneyText, PageTitle, StatusBadge } from '../components/ui';
import { fieldError, formError, useAction, useOperationKeys, useResource } from '../hooks';
import { formatDate, formatMoney, parseMoney, t } from '../i18n';
import type { CreditOffer, Loan, Shop } from '../types';

function percent(bps: number): string {
  return `${(bps / 100).toLocaleString()} %`;
}

function LoanCard({ loanId, onChange }: { loanId: number; onChange: () => void }) {
  const loan = useResource(() => api.get<Loan>(`/api/v1/loans/${loanId}`), [loanId]);
  const keys = useOperationKeys();
  const repay = useAction(async () => {
    await api.post(`/api/v1/loans/${loanId}/repayments`, {}, { idempotencyKey: keys.key('repay') });
    keys.done('repay');
    loan.reload();
    onChange();
  });
  return (
    <Loaded resource={loan}>
      {(data) => {
        const total = data.principal.amount + data.fee.amount;
        const progress = total > 0 ? Math.round((100 * data.repaid.amount) / total) : 100;
        return (
          <div class="card stack loan-card">
            <h2>
              {t('credit.loan')} #{data.id} <StatusBadge status={data.status} />
            </h2>
            <p>
              {t('credit.repaid_of', { repaid: formatMoney(data.repaid), total: formatMoney({ amount: total, currency: data.principal.currency }) })}
            </p>
            <progress class="loan-progress" max={100} value={progress} aria-label={t('credit.progress')} />
            <p class="muted">{t('credit.repaid_from_sales', { share: percent(data.repayment_share_bps) })}</p>
            {data.days_past_due > 0 && <p class="error-text">{t('credit.overdue', { days: String(data.days_past_due) })}</p>}
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('credit.due')}</th>
                    <th scope="col">{t('common.amount')}</th>
                    <th scope="col">{t('credit.paid')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.schedule.map((instalment) => (
                    <tr key={instalment.due_at}>
                      <td>{formatDate(instalment.due_at)}</td>
                      <td>
                        <MoneyText money={instalment.amount} />
                      </td>
                      <td>
                        <MoneyText money={instalment.paid} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {data.status === 'active' && (
              <>
                <ErrorText error={repay.error} />
                <Button type="button" variant="secondary" busy={repay.busy} onClick={() => repay.run()}>
                  {t('credit.repay_all', { owed: formatMoney(data.owed) })}
                </Button>
              </>
            )}
          </div>
        );
      }}
    </Loaded>
  );
}

export function CreditSection({ shop }: { shop: Shop }) {
  const offer = useResource(() => api.get<CreditOffer>(`/api/v1/shops/${shop.id}/credit-offer`), [shop.id]);
  const [amount, setAmount] = useState('');
  const [localError, setLocalError] = useState<string | undefined>(undefined);
  const [taken, setTaken] = useState<number | null>(null);
  const keys = useOperationKeys();
  const borrow = useAction(async (minor: number) => {
    const loan = await api.post<Loan>(
      '/api/v1/loans',
      { shop_id: shop.id, amount: { amount: minor, currency: shop.currency } },
      { idempotencyKey: keys.key('loan') },
    );
    keys.done('loan');
    setAmount('');
    setTaken(loan.id);
    offer.reload();
  });
  return (
    <section>
      <PageTitle title={t('credit.title')}>{t('credit.title')}</PageTitle>
      <Loaded resource={offer}>
        {(data) => (
          <div class="stack">
            <div class="card stack credit-offer">
              {data.decision === 'approved' && data.limit.amount > 0 ? (
                <h2 class="credit-headline">
                  {t('credit.headline', { limit: formatMoney(data.limit), share: percent(data.repayment_share_bps) })}
                </h2>
              ) : (
                <h2 class="credit-headline">{data.frozen ? t('credit.frozen') : t('credit.declined')}</h2>
              )}
              {data.decision === 'approved' && (
                <p class="muted">
                  {t('credit.terms', { fee: percent(data.fee_bps), days: String(data.term_days), band: data.band ?? '' })}
                </p>
              )}
              {data.reasons.length > 0 && (
                <>
                  <h3>{data.decision === 'approved' ? t('credit.limited_by') : t('credit.why')}</h3>
                  <ul class="credit-reasons">
                    {data.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </>
              )}
              {data.available.amount > 0 && (
                <form
                  class="stack narrow"
                  onSubmit={(event) => {
                    event.preventDefault();
                    const minor = parseMoney(amount, shop.currency);
                    if (minor === null || minor <= 0) {
                      setLocalError(t('credit.amount'));
                      return;
                    }
                    setLocalError(undefined);
                    borrow.run(minor);
                  }}
                >
                  <TextField
                    label={`${t('credit.amount')} (${shop.currency}, ${t('credit.up_to', { available: formatMoney(data.available) })})`}
                    name="loan-amount"
                    inputMode="decimal"
                    required
                    value={amount}
                    onValue={setAmount}
                    error={localError ?? fieldError(borrow.error, 'amount', 'amount.amount')}
                  />
                  <ErrorText error={formError(borrow.error, ['amount', 'amount.amount'])} />
                  <Button type="submit" busy={borrow.busy}>
                    {t('credit.borrow')}
                  </Button>
                </form>
              )}
              {taken !== null && <Notice>{t('credit.taken')}</Notice>}
            </div>
            {data.active_loan_id !== null && <LoanCard loanId={data.active_loan_id} onChange={() => offer.reload()} />}
          </div>
        )}
      </Loaded>
    </section>
  );
}
