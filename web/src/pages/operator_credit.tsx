// The operator's credit book: capital, outstanding by risk band, delinquency
// by bucket, expected loss, the models and activating a trained one. /admin/credit
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorText, TextField } from '../components/form';
import { Loaded, MoneyText, PageTitle } from '../components/ui';
import { formError, useAction, useOperationKeys, useResource } from '../hooks';
import { formatDateTime, parseMoney, t } from '../i18n';
import type { CreditBook } from '../types';

export function CreditBookSection() {
  const [currency] = useState('CNY');
  const book = useResource(() => api.get<CreditBook>(`/api/v1/admin/credit/book?currency=${currency}`), [currency]);
  const [amount, setAmount] = useState('');
  const keys = useOperationKeys();
  const fund = useAction(async (minor: number) => {
    await api.post('/api/v1/admin/credit/capital', { amount: { amount: minor, currency } }, { idempotencyKey: keys.key('capital') });
    keys.done('capital');
    setAmount('');
    book.reload();
  });
  const activate = useAction(async (version: string) => {
    await api.post(`/api/v1/admin/credit/models/${encodeURIComponent(version)}/activate`, {});
    book.reload();
  });
  return (
    <section>
      <PageTitle title={t('credit.book')}>{t('credit.book')}</PageTitle>
      <Loaded resource={book}>
        {(data) => (
          <div class="stack">
            <dl class="stats credit-book">
              <div>
                <dt>{t('credit.capital')}</dt>
                <dd class="credit-capital">
                  <MoneyText money={data.capital} />
                </dd>
              </div>
              <div>
                <dt>{t('credit.outstanding')}</dt>
                <dd class="credit-outstanding">
                  <MoneyText money={data.outstanding} />
                </dd>
              </div>
              <div>
                <dt>{t('credit.available_capital')}</dt>
                <dd>
                  <MoneyText money={data.available} />
                </dd>
              </div>
              <div>
                <dt>{t('credit.active_loans')}</dt>
                <dd>{data.active_loans}</dd>
              </div>
              <div>
                <dt>{t('credit.expected_loss')}</dt>
                <dd>
                  <MoneyText money={data.expected_loss} />
                </dd>
              </div>
            </dl>
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('credit.band')}</th>
                    <th scope="col">{t('credit.loans')}</th>
                    <th scope="col">{t('credit.outstanding')}</th>
                    <th scope="col">{t('credit.expected_loss')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.bands.map((band) => (
                    <tr key={band.band}>
                      <td>{band.band}</td>
                      <td>{band.loans}</td>
                      <td>
                        <MoneyText money={band.outstanding} />
                      </td>
                      <td>
                        <MoneyText money={band.expected_loss} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>{t('credit.delinquency')}</h2>
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('credit.bucket')}</th>
                    <th scope="col">{t('credit.outstanding')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.delinquency.map((row) => (
                    <tr key={row.bucket}>
                      <td>{row.bucket}</td>
                      <td>
                        <MoneyText money={row.outstanding} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>{t('credit.models')}</h2>
            <p class="credit-model">{t('credit.model_active', { version: data.model_version })}</p>
            {data.models.length === 0 ? (
              <p class="muted">{t('credit.no_models')}</p>
            ) : (
              <div class="table-scroll">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">Model</th>
                      <th scope="col">AUC</th>
                      <th scope="col">KS</th>
                      <th scope="col">{t('common.date')}</th>
                      <th scope="col">{t('common.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.models.map((model) => (
                      <tr key={model.version}>
                        <td>{model.version}</td>
                        <td>{model.auc.toFixed(3)}</td>
                        <td>{model.ks.toFixed(3)}</td>
                        <td>{formatDateTime(model.created_at)}</td>
                        <td>
                          {model.active ? (
                            '✓'
                          ) : (
                            <Button variant="secondary" busy={activate.busy} onClick={() => activate.run(model.version)}>
                              {t('credit.activate')}
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <ErrorText error={activate.error} />
            <form
              class="card stack narrow"
              onSubmit={(event) => {
                event.preventDefault();
                const minor = parseMoney(amount, currency);
                if (minor !== null && minor > 0) fund.run(minor);
              }}
            >
              <TextField label={`${t('credit.fund_amount')} (${currency})`} name="capital" inputMode="decimal" required value={amount} onValue={setAmount} />
              <ErrorText error={formError(fund.error, ['amount', 'amount.amount'])} />
              <Button type="submit" busy={fund.busy}>
                {t('credit.fund')}
              </Button>
            </form>
          </div>
        )}
      </Loaded>
    </section>
  );
}
