// What a buyer reads about a shop at a glance: stars, score, review count
// and level (hearts, diamonds, crowns).
import { t } from '../i18n';
import type { LevelBadge, Reputation } from '../types';

const kLevelSymbols: Record<string, string> = { hearts: '♥', diamonds: '◆', crowns: '♛' };

export function Level({ level }: { level: LevelBadge }) {
  if (level.tier === 'none') return <span class="level level-none">{t('reviews.level_none')}</span>;
  const symbols = kLevelSymbols[level.tier].repeat(level.count);
  return (
    <span class={`level level-${level.tier}`} title={t('reviews.level_title', { count: level.count, tier: level.tier })}>
      {symbols}
    </span>
  );
}

export function Stars({ value }: { value: number }) {
  const full = Math.round(value);
  return (
    <span class="stars" aria-label={t('reviews.stars', { value: value.toFixed(1) })}>
      {'★'.repeat(full)}
      {'☆'.repeat(Math.max(0, 5 - full))}
    </span>
  );
}

// The compact line for cards: score, stars, review count, level.
export function ReputationLine({ reputation }: { reputation?: Reputation }) {
  if (!reputation) return null;
  return (
    <p class="reputation-line" data-score={reputation.score}>
      {reputation.reviews > 0 ? (
        <>
          <Stars value={reputation.score} /> <strong>{reputation.score.toFixed(2)}</strong>{' '}
          <span class="muted">{t('reviews.count', { count: reputation.reviews })}</span>
        </>
      ) : (
        <span class="muted">{t('reviews.no_reviews_yet')}</span>
      )}{' '}
      <Level level={reputation.level} />
    </p>
  );
}

