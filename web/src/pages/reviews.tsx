// Reviews and reputation: the score and level a buyer reads at a glance, the
// ratings against the marketplace, review lists, the buyer's review form,
// the merchant's reply and the operator's moderation queue.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, newIdempotencyKey } from '../api';
import { Button, ErrorText, SelectField, TextAreaField } from '../components/form';
import { Loaded, PageTitle } from '../components/ui';
import { fieldError, formError, useAction, useResource } from '../hooks';
import { formatDate, t } from '../i18n';
import { ReputationLine, Stars } from '../components/reputation';
import type { Order, Page, Reputation, RatingStanding, Review } from '../types';

const kDimensions = ['described', 'service', 'shipping'] as const;
// The shop page's panel: per-dimension ratings against the marketplace.
export function ReputationPanel({ reputation }: { reputation: Reputation }) {
  return (
    <section class="card reputation" aria-labelledby="reputation-heading">
      <h2 id="reputation-heading">{t('reviews.reputation')}</h2>
      <ReputationLine reputation={reputation} />
      {reputation.reviews > 0 && (
        <dl class="ratings">
          {kDimensions.map((dimension) => {
            const standing = reputation.ratings[dimension] as RatingStanding;
            return (
              <div key={dimension}>
                <dt>{t(`reviews.dimension.${dimension}` as any)}</dt>
                <dd>
                  <strong>{standing.rating.toFixed(1)}</strong>{' '}
                  <span class="muted">
                    {t('reviews.higher_than', { percent: standing.higher_than_percent, market: standing.market.toFixed(1) })}
                  </span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}

function ReviewItem({ review, children }: { review: Review; children?: ComponentChildren }) {
  const mean = (review.ratings.described + review.ratings.service + review.ratings.shipping) / 3;
  return (
    <li class="card review" data-review-id={review.id} data-status={review.status}>
      <p>
        <Stars value={mean} /> <strong>{review.buyer}</strong>{' '}
        <span class="muted">
          · {review.product_title} · {formatDate(review.created_at)}
        </span>
        {review.status !== 'visible' && <span class="badge">{t(`reviews.status.${review.status}` as any)}</span>}
      </p>
      <p class="muted">
        {kDimensions.map((dimension) => `${t(`reviews.dimension.${dimension}` as any)} ${review.ratings[dimension]}`).join(' · ')}
      </p>
      {review.text && <p class="review-text">{review.text}</p>}
      {review.images.length > 0 && (
        <p class="review-images">
          {review.images.map((url) => (
            <img key={url} src={url} alt="" width={96} height={96} loading="lazy" />
          ))}
        </p>
      )}
      {review.reply && (
        <blockquote class="review-reply">
          <strong>{t('reviews.reply_from_shop')}</strong> {review.reply.text}
        </blockquote>
      )}
      {children}
    </li>
  );
}

// A list of reviews from `path` (a paged /reviews endpoint).
export function ReviewList({
  path, empty, render,
}: {
  path: string;
  empty: string;
  render?: (review: Review, replace: (next: Review) => void) => ComponentChildren;
}) {
  const reviews = useResource(() => api.get<Page<Review>>(path), [path]);
  const replace = (next: Review) =>
    reviews.setData({ ...reviews.data!, items: reviews.data!.items.map((review) => (review.id === next.id ? next : review)) });
  return (
    <Loaded resource={reviews}>
      {(page) =>
        page.items.length === 0 ? (
          <p>{empty}</p>
        ) : (
          <ul class="stack reviews">
            {page.items.map((review) => (
              <ReviewItem key={review.id} review={review}>
                {render?.(review, replace)}
              </ReviewItem>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}

// The buyer's form for one line of a completed order.
export function ReviewForm({ order, lineId, onDone }: { order: Order; lineId: number; onDone: () => void }) {
  const [ratings, setRatings] = useState({ described: '5', service: '5', shipping: '5' });
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [key] = useState(newIdempotencyKey);
  const submit = useAction(async () => {
    const images: string[] = [];
    if (file) {
      const uploaded = await api.post<{ name: string }>('/api/v1/review-images', undefined, { blob: file });
      images.push(uploaded.name);
    }
    await api.post(
      `/api/v1/orders/${order.id}/review`,
      {
        line_id: lineId,
        ratings: { described: Number(ratings.described), service: Number(ratings.service), shipping: Number(ratings.shipping) },
        text,
        images,
      },
      { idempotencyKey: key },
    );
    onDone();
  });
  const options = ['5', '4', '3', '2', '1'].map((value) => ({ value, label: '★'.repeat(Number(value)) }));
  return (
    <form
      class="stack review-form"
      aria-label={t('reviews.form_title')}
      onSubmit={(event) => {
        event.preventDefault();
        submit.run();
      }}
    >
      <div class="row">
        {kDimensions.map((dimension) => (
          <SelectField
            key={dimension}
            label={t(`reviews.dimension.${dimension}` as any)}
            name={dimension}
            value={ratings[dimension]}
            onValue={(value) => setRatings({ ...ratings, [dimension]: value })}
            options={options}
          />
        ))}
      </div>
      <TextAreaField label={t('reviews.text')} name="text" rows={3} value={text} onValue={setText} error={fieldError(submit.error, 'text')} />
      <label class="field">
        <span>{t('reviews.photo')}</span>
        <input type="file" accept="image/png,image/jpeg,image/webp" onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0] ?? null)} />
      </label>
      <ErrorText error={formError(submit.error, ['text'])} />
      <Button type="submit" busy={submit.busy}>
        {t('reviews.submit')}
      </Button>
    </form>
  );
}

// Under a completed order: a review button per line not yet reviewed.
export function OrderReviews({ order }: { order: Order }) {
  const mine = useResource(() => api.get<Page<Review>>('/api/v1/reviews?buyer=me&limit=100'), [order.id]);
  const [open, setOpen] = useState<number | null>(null);
  if (order.status !== 'completed') return null;
  return (
    <Loaded resource={mine}>
      {(page) => {
        const reviewed = new Set(page.items.filter((review) => review.order_id === order.id).map((review) => review.line_id));
        return (
          <div class="stack order-reviews">
            {order.lines.map((line, index) => {
              const lineId = index + 1;
              if (reviewed.has(lineId)) {
                return (
                  <p key={lineId} class="muted">
                    {t('reviews.reviewed', { title: line.title })}
                  </p>
                );
              }
              return open === lineId ? (
                <ReviewForm key={lineId} order={order} lineId={lineId} onDone={() => { setOpen(null); mine.reload(); }} />
              ) : (
                <Button key={lineId} variant="secondary" onClick={() => setOpen(lineId)}>
                  {t('reviews.write', { title: line.title })}
                </Button>
              );
            })}
          </div>
        );
      }}
    </Loaded>
  );
}

// The merchant's reviews, with a reply box on those without a reply.
export function MerchantReviews({ shopId }: { shopId: number }) {
  return (
    <section aria-labelledby="merchant-reviews">
      <PageTitle title={t('reviews.merchant_title')}>
        <span id="merchant-reviews">{t('reviews.merchant_title')}</span>
      </PageTitle>
      <ReviewList
        path={`/api/v1/shops/${shopId}/reviews?limit=50`}
        empty={t('reviews.none')}
        render={(review, replace) => (review.reply ? null : <ReplyForm review={review} onDone={replace} />)}
      />
    </section>
  );
}

function ReplyForm({ review, onDone }: { review: Review; onDone: (review: Review) => void }) {
  const [text, setText] = useState('');
  const reply = useAction(async () => onDone(await api.post<Review>(`/api/v1/reviews/${review.id}/reply`, { text })));
  return (
    <form
      class="stack reply-form"
      onSubmit={(event) => {
        event.preventDefault();
        reply.run();
      }}
    >
      <TextAreaField label={t('reviews.reply')} name="reply" rows={2} required value={text} onValue={setText} error={fieldError(reply.error, 'text')} />
      <ErrorText error={formError(reply.error, ['text'])} />
      <Button type="submit" busy={reply.busy}>
        {t('reviews.reply_submit')}
      </Button>
    </form>
  );
}

// The operator's queue: held reviews (rings) and reported ones.
export function ModerationQueue() {
  return (
    <section aria-labelledby="moderation-heading">
      <PageTitle title={t('reviews.moderation_title')}>
        <span id="moderation-heading">{t('reviews.moderation_title')}</span>
      </PageTitle>
      <ReviewList
        path="/api/v1/reviews?queue=moderation&limit=50"
        empty={t('reviews.moderation_empty')}
        render={(review, replace) => <ModerationActions review={review} onDone={replace} />}
      />
    </section>
  );
}

function ModerationActions({ review, onDone }: { review: Review; onDone: (review: Review) => void }) {
  const act = useAction(async (action: string) =>
    onDone(await api.post<Review>(`/api/v1/reviews/${review.id}/moderation`, { action })),
  );
  const actions = review.status === 'held' ? ['release', 'reject'] : review.open_reports > 0 ? ['uphold', 'dismiss'] : [];
  return (
    <div class="row">
      {review.flag && <span class="badge">{t('reviews.flag_ring')}</span>}
      {review.open_reports > 0 && <span class="badge">{t('reviews.reports', { count: review.open_reports })}</span>}
      {actions.map((action) => (
        <Button key={action} variant="secondary" busy={act.busy} onClick={() => act.run(action)}>
          {t(`reviews.action.${action}` as any)}
        </Button>
      ))}
      <ErrorText error={act.error} />
    </div>
  );
}
