// The shell: header with navigation, the page for the current path, footer.
// Every page is a route here; pages under /sell and /admin check the role.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { PageTitle } from './components/ui';
import { t } from './i18n';
import { AuthPage } from './pages/auth';
import { CartPage } from './pages/cart';
import { CheckoutPage } from './pages/checkout';
import { HomePage } from './pages/home';
import { LabelPage } from './pages/label';
import { MerchantPage } from './pages/merchant';
import { OperatorPage } from './pages/operator';
import { OrderPage, OrdersPage } from './pages/orders';
import { ProductPage } from './pages/product';
import { ProductsPage } from './pages/products';
import { SearchPage } from './pages/search';
import { ShopPage } from './pages/shop';
import { WalletPage } from './pages/wallet';
import { Link, matchPath, navigate, useLocation } from './router';
import { cartCount, saveSession, session } from './session';
import type { Cart } from './types';

type Params = Record<string, string>;

const routes: [string, ComponentType<{ params: Params }>][] = [
  ['/', HomePage],
  ['/products', ProductsPage],
  ['/search', SearchPage],
  ['/products/:id', ProductPage],
  ['/shops/:id', ShopPage],
  ['/cart', CartPage],
  ['/checkout', CheckoutPage],
  ['/wallet', WalletPage],
  ['/orders', OrdersPage],
  ['/orders/:id', OrderPage],
  ['/login', AuthPage],
  ['/signup', AuthPage],
  ['/sell', MerchantPage],
  ['/sell/:section', MerchantPage],
  ['/sell/:section/:id', MerchantPage],
  ['/label/:id', LabelPage],
  ['/admin', OperatorPage],
  ['/admin/:section', OperatorPage],
];

function NotFound() {
  return (
    <section>
      <PageTitle title={t('app.not_found')}>{t('app.not_found')}</PageTitle>
      <p>{t('app.not_found_body')}</p>
      <Link href="/">{t('app.back_home')}</Link>
    </section>
  );
}

function Header() {
  const current = session.use();
  const count = cartCount.use();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    // The badge needs the cart once per session; pages update it afterwards.
    if (!current) {
      cartCount.set(null);
      return;
    }
    api.get<Cart>('/api/v1/cart').then(
      (cart) => cartCount.set(cart.item_count),
      () => cartCount.set(null),
    );
  }, [current?.token]);

  const logOut = async () => {
    try {
      await api.delete('/api/v1/sessions/current');
    } catch {
      // Logging out locally is what matters; the token expires anyway.
    }
    saveSession(null);
    navigate('/');
  };
  const role = current?.user.role;
  const here = (prefix: string) =>
    (prefix === '/' ? path === '/' : path === prefix || path.startsWith(prefix + '/')) ? 'page' : undefined;

  return (
    <header class="site-header">
      <div class="header-bar">
        <Link href="/" class="brand" aria-label={t('nav.home')}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </Link>
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('app.menu')}
        </button>
        <nav id="site-nav" aria-label={t('nav.main')} class={menuOpen ? 'open' : ''}>
          <ul>
            <li>
              <Link href="/products" aria-current={here('/products')}>
                {t('nav.products')}
              </Link>
            </li>
            <li>
              <Link href="/search" aria-current={here('/search')}>
                {t('search.title')}
              </Link>
            </li>
            <li>
              <Link href="/cart" aria-current={here('/cart')}>
                {count ? t('nav.cart_count', { count }) : t('nav.cart')}
              </Link>
            </li>
            {current && (
              <>
                <li>
                  <Link href="/orders" aria-current={here('/orders')}>
                    {t('nav.orders')}
                  </Link>
                </li>
                <li>
                  <Link href="/wallet" aria-current={here('/wallet')}>
                    {t('nav.wallet')}
                  </Link>
                </li>
              </>
            )}
            <li>
              <Link href="/sell" aria-current={here('/sell')}>
                {t('nav.sell')}
              </Link>
            </li>
            {role === 'operator' && (
              <li>
                <Link href="/admin" aria-current={here('/admin')}>
                  {t('nav.operator')}
                </Link>
              </li>
            )}
            {current ? (
              <li class="account">
                <span class="muted account-name">{t('nav.account', { name: current.user.name })}</span>
                <button type="button" class="button button-link" onClick={logOut}>
                  {t('nav.logout')}
                </button>
              </li>
            ) : (
              <>
                <li>
                  <Link href="/login" aria-current={here('/login')}>
                    {t('nav.login')}
                  </Link>
                </li>
                <li>
                  <Link href="/signup" class="button button-primary" aria-current={here('/signup')}>
                    {t('nav.signup')}
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

export function App() {
  const { path } = useLocation();
  useEffect(() => window.scrollTo(0, 0), [path]);
  let page = <NotFound />;
  for (const [pattern, Page] of routes) {
    const params = matchPath(pattern, path);
    if (params) {
      page = <Page key={path} params={params} />;
      break;
    }
  }
  return (
    <>
      <a href="#main" class="skip-link">
        {t('app.skip')}
      </a>
      <Header />
      <main id="main">{page}</main>
      <footer class="site-footer">
        <p class="muted">{t('app.tagline')}</p>
      </footer>
    </>
  );
}
