// Browser test of the main flows against a real `shrimp serve`:
//   a merchant opens a shop and lists a product with two variants and an
//   image (seeing an API validation error next to its field on the way);
//   a second merchant in another city lists a product (through the API);
//   a buyer signs up, tops up the sandbox wallet, searches and filters,
//   buys from both shops in one cart, and pays from the wallet;
//   the merchant ships, the buyer confirms receipt, the merchant sees the
//   money in its balance and asks for a payout, and the operator pays it
//   and sees the ledger balance; the merchant sees its working-capital
//   offer (declined for a new shop, with reasons) and the operator the
//   credit book, adding lending capital.
// Any console error, page error or failed request fails the test.
//
// Usage: node web/tests/e2e.mjs --server build/shrimp [--web web/dist]
//                               [--screenshots build/screenshots]
// Fails (exit 1) saying why when chromium is not installed: never skips.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser, Server, assert, kChromium, kTinyPng, parseArgs, requireFile, waitUntil } from './harness.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const serverBinary = resolve(args.server ?? join(repo, 'build/shrimp'));
const webDir = resolve(args.web ?? join(repo, 'web/dist'));
const screenshotDir = resolve(args.screenshots ?? join(repo, 'build/screenshots'));

if (!existsSync(kChromium)) {
  console.error(`FAIL: chromium is not installed at ${kChromium}: scripts/setup installs Debian's (or set CHROMIUM=/path/to/chromium)`);
  process.exit(1);
}
requireFile(serverBinary, 'build the server first (cmake --build build)');
requireFile(join(webDir, 'index.html'), 'build the web app first (cd web && npm ci && npm run build)');

const kPassword = 'shrimp-e2e-password';
const started = Date.now();
const server = new Server(serverBinary, webDir);
const browser = new Browser(screenshotDir);
let failed = false;

function log(step) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${step}`);
}

async function signUp(page, name, email) {
  await page.goto(server.url + '/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(kPassword);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function logIn(page, email) {
  await page.goto(server.url + '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(kPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

// A leaf category (one no other category names as parent) for products.
async function leafCategory() {
  const { items } = await server.api('GET', '/api/v1/categories');
  const parents = new Set(items.map((category) => category.parent_id));
  const leaves = items.filter((category) => !parents.has(category.id));
  const leaf = leaves.find((category) => /tea/i.test(category.slug)) ?? leaves.find((category) => /food|drink/i.test(category.path)) ?? leaves[0];
  assert(leaf, 'the category tree has a leaf');
  return leaf;
}

async function merchantOpensShopAndListsProduct(page, category) {
  log('merchant signs up and opens a shop');
  await signUp(page, 'Mei Lin', 'mei@example.com');
  await page.getByRole('link', { name: 'Sell' }).click();
  await page.getByLabel('Shop name').fill('West Lake Tea House');
  await page.getByLabel('City').fill('Hangzhou');
  await page.getByLabel('Country code').fill('CN');
  await page.getByLabel('Currency').selectOption('CNY');
  await page.getByRole('button', { name: 'Open shop' }).click();
  await page.getByRole('heading', { level: 1, name: 'West Lake Tea House' }).waitFor();

  log('merchant creates a product; the API rejects the missing category next to its field');
  await page.getByRole('link', { name: 'New product' }).first().click();
  await page.getByLabel('Title').fill('Longjing green tea');
  await page.getByLabel('Description').fill('Spring harvest, hand roasted.');
  await page.getByLabel('Variant (e.g. color=red, size=M)').fill('weight=100g');
  await page.getByLabel('Price (CNY)').fill('68.00');
  await page.getByLabel('Stock').fill('20');
  await browser.expectingHttpErrors(1, async () => {
    await page.getByRole('button', { name: 'Create product' }).click();
    await waitUntil(async () => (await page.getByLabel('Category').getAttribute('aria-invalid')) === 'true', 'the category field to show the API error');
  });
  const categoryError = await page.locator('.field-invalid .field-error').first().textContent();
  assert(categoryError && categoryError.length > 0, 'an error message is shown next to the category');

  await page.getByLabel('Category').selectOption(category.slug);
  await page.getByRole('button', { name: 'Add variant' }).click();
  const second = page.getByRole('group', { name: 'Variant 2' });
  await second.getByLabel('Variant (e.g. color=red, size=M)').fill('weight=250g');
  await second.getByLabel('Price (CNY)').fill('150');
  await second.getByLabel('Stock').fill('5');
  await page.getByRole('button', { name: 'Create product' }).click();
  await page.getByText('Product created.').waitFor();

  log('merchant uploads an image');
  await page.getByLabel('Upload an image (PNG, JPEG or WebP)').setInputFiles({ name: 'tea.png', mimeType: 'image/png', buffer: kTinyPng });
  await page.getByText('Image uploaded.').waitFor();
  await page.locator('.thumbnails img').first().waitFor();
  await browser.shot(page, 'merchant-product-edit');
  await page.getByRole('link', { name: 'Products', exact: true }).last().click();
  await page.getByRole('link', { name: 'Longjing green tea' }).waitFor();
  await browser.shot(page, 'merchant-products');
}

async function secondMerchantThroughApi(category) {
  log('a second merchant in Chengdu lists a product through the API');
  await server.api('POST', '/api/v1/users', { email: 'bo@example.com', password: kPassword, name: 'Bo Zhang' });
  const { token } = await server.api('POST', '/api/v1/sessions', { email: 'bo@example.com', password: kPassword });
  const shop = await server.api('POST', '/api/v1/shops', { name: 'Chengdu Bamboo Crafts', city: 'Chengdu', country: 'CN', currency: 'CNY', description: 'Woven by hand in Sichuan.' }, token);
  await server.api('POST', `/api/v1/shops/${shop.id}/products`, {
    title: 'Bamboo tea tray',
    description: 'Holds a full gongfu tea set.',
    category: category.slug,
    skus: [{ price: { amount: 12000, currency: 'CNY' }, stock: 10, attrs: { size: 'large' } }],
  }, token);
  return { token, shopId: shop.id };
}

async function buyerShops(page) {
  log('buyer signs up and tops up the sandbox wallet');
  await signUp(page, 'Ana Souza', 'ana@example.com');
  await page.getByRole('link', { name: 'Wallet' }).click();
  await page.getByText('TEST MODE').first().waitFor();
  const topUp = page.locator('form[aria-labelledby="top-up-heading"]');
  await topUp.getByLabel('Amount').fill('1000');
  await topUp.getByLabel('Currency').selectOption('CNY');
  await topUp.getByRole('button', { name: /^Top up/ }).click();
  await page.getByText(/Added .*1,000\.00 to your wallet/).waitFor();
  await page.locator('.balance-available').first().waitFor();
  await browser.shot(page, 'wallet');

  log('buyer finds shops from two cities on the home page, then searches and filters');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: 'West Lake Tea House' }).waitFor();
  await page.getByRole('link', { name: 'Chengdu Bamboo Crafts' }).waitFor();
  await browser.shot(page, 'home');
  await page.getByRole('searchbox', { name: 'Search products' }).fill('tea');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Bamboo tea tray' }).waitFor();
  await page.getByLabel('City').selectOption('Hangzhou');
  await page.getByRole('button', { name: 'Apply' }).click();
  await waitUntil(async () => (await page.getByRole('link', { name: 'Bamboo tea tray' }).count()) === 0, 'the city filter to hide the Chengdu product');
  await page.getByLabel('Sort by').selectOption('price_desc');
  await page.getByRole('link', { name: 'Longjing green tea' }).waitFor();
  assert(page.url().includes('city=Hangzhou') && page.url().includes('sort=price_desc'), 'filters are kept in the URL');
  await browser.shot(page, 'products');

  log('buyer picks a variant and adds it to the cart');
  await page.getByRole('link', { name: 'Longjing green tea' }).click();
  await page.getByRole('heading', { level: 1, name: 'Longjing green tea' }).waitFor();
  await page.getByRole('radio', { name: /250g/ }).check();
  await page.getByText('5 in stock').waitFor();
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added to your cart.').waitFor();
  // The delivery promise from the shop's city, for a city the buyer picks.
  await page.getByLabel('Deliver to').selectOption('Paris');
  await waitUntil(async () => /^Arrives by .* in Paris$/.test((await page.getByTestId('promise').textContent()) ?? ''), 'a promise to Paris');
  await browser.shot(page, 'product');

  log('buyer visits the Chengdu shop and adds its product');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: 'Chengdu Bamboo Crafts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Chengdu Bamboo Crafts' }).waitFor();
  await browser.shot(page, 'shop');
  await page.getByRole('link', { name: 'Bamboo tea tray' }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByText('Added to your cart.').waitFor();

  log('the cart holds one group per shop');
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('heading', { name: 'From West Lake Tea House' }).waitFor();
  await page.getByRole('heading', { name: 'From Chengdu Bamboo Crafts' }).waitFor();
  assert((await page.locator('.cart-group').count()) === 2, 'two shop groups in the cart');
  await browser.shot(page, 'cart');

  log('buyer checks out with an address and pays from the wallet');
  await page.getByRole('link', { name: 'Check out' }).click();
  await page.getByLabel('Full name').fill('Ana Souza');
  await page.getByLabel('Address', { exact: true }).fill('88 Nanjing Road');
  await page.getByLabel('City').fill('Shanghai');
  await page.getByLabel('Postal code').fill('200001');
  await page.getByLabel('Country code').fill('CN');
  log('the delivery network offers options for each shop, cheapest chosen');
  await page.getByRole('group', { name: 'Delivery from West Lake Tea House' }).waitFor();
  await page.getByRole('group', { name: 'Delivery from Chengdu Bamboo Crafts' }).waitFor();
  const express = page.getByRole('group', { name: 'Delivery from Chengdu Bamboo Crafts' }).getByRole('radio', { name: /Express/ }).first();
  await express.check();
  assert(await express.isChecked(), 'the express option can be chosen');
  await browser.shot(page, 'checkout');
  await page.getByRole('button', { name: 'Place orders' }).click();
  await page.getByRole('button', { name: 'Pay all from wallet' }).click();
  await page.getByText('Paid. The money waits in escrow until you confirm receipt.').waitFor();
  await browser.shot(page, 'checkout-paid');
  await page.getByRole('link', { name: 'See my orders' }).click();
  await waitUntil(async () => (await page.locator('article.order-card[data-status="paid"]').count()) === 2, 'two paid orders');
  await waitUntil(async () => (await page.locator('.order-shipping').count()) === 2, 'both orders carry their delivery fee');
  assert((await page.locator('.order-shipping', { hasText: 'Express' }).count()) === 1, 'the express choice is on its order');
}

async function merchantShips(page) {
  log('merchant ships the order');
  await page.goto(server.url + '/sell/orders');
  const order = page.locator('article.order-card[data-status="paid"]');
  await order.waitFor();
  // The buyer paid for the network's delivery: the form ships with that carrier.
  await order.getByText('The buyer paid for delivery by').waitFor();
  await browser.shot(page, 'merchant-orders');
  await order.getByRole('button', { name: 'Mark as shipped' }).click();
  await page.locator('article.order-card[data-status="shipped"]').waitFor();

  log('merchant prints the shipping label: the tracking number as a Code 128 barcode');
  await page.locator('article.order-card[data-status="shipped"]').getByRole('link', { name: 'Print the shipping label' }).click();
  const label = page.getByRole('article', { name: 'Shipping label' });
  await label.waitFor();
  const tracking = (await label.locator('.label-tracking').textContent()).trim();
  assert(/^[A-Z]{3}\d{10}$/.test(tracking), `a network tracking number on the label: ${tracking}`);
  // Start, one symbol per character, checksum (11 modules each) and the 13-module stop.
  const modules = Number(await label.getByRole('img', { name: tracking }).getAttribute('data-modules'));
  assert(modules === (tracking.length + 2) * 11 + 13, `a Code 128 of ${tracking.length} characters: ${modules} modules`);
  await label.getByText('Ana Souza').waitFor();
  await browser.shot(page, 'shipping-label');
}

async function buyerConfirms(page, secondShop) {
  log('the second merchant ships through the API; the buyer confirms both orders');
  const { token: secondShopToken, shopId } = secondShop;
  const { items } = await server.api('GET', `/api/v1/orders?role=merchant&shop_id=${shopId}`, undefined, secondShopToken);
  assert(items.length === 1, 'the Chengdu shop has one order');
  // The Chengdu shop ships with the carrier and service the buyer paid for: a planned route and a promise.
  const shipped = await server.api('POST', `/api/v1/orders/${items[0].id}/ship`, {}, secondShopToken);
  assert(shipped.shipping.service === 'express', 'the express delivery the buyer chose');
  await page.goto(server.url + '/orders');
  await waitUntil(async () => (await page.locator('article.order-card[data-status="shipped"]').count()) === 2, 'two shipped orders');
  await page.getByText(/^Shipped with /).first().waitFor();
  await browser.shot(page, 'orders');

  log('the carrier posts tracking events with its API key; its delivered event delivers the order');
  const { token: operatorToken } = await server.api('POST', '/api/v1/sessions', { email: 'operator@example.com', password: kPassword });
  const tracking = await server.api('GET', `/api/v1/orders/${items[0].id}/tracking`, undefined, secondShopToken);
  const { key } = await server.api('POST', `/api/v1/admin/carriers/${tracking.shipment.carrier_id}/keys`, {}, operatorToken);
  const events = `/api/v1/shipments/${tracking.shipment.id}/events`;
  const now = new Date(Math.floor(Date.now() / 60000) * 60000).toISOString();
  await server.api('POST', events, { event_id: 'e2e-1', type: 'picked_up', at: now }, key);
  await server.api('POST', events, { event_id: 'e2e-2', type: 'delivered', at: now }, key);
  await page.goto(server.url + `/orders/${items[0].id}`);
  const trackingCard = page.getByRole('region', { name: 'Tracking' });
  await trackingCard.waitFor();
  await trackingCard.getByRole('list', { name: 'Tracking events' }).getByText('Picked up').waitFor();
  await trackingCard.getByText(/^Delivered$/).first().waitFor();
  await trackingCard.getByRole('list', { name: 'Planned route' }).waitFor();
  await trackingCard.getByRole('img', { name: 'Map of the planned route' }).waitFor();
  assert((await trackingCard.locator('.route-map .route-stop').count()) >= 3, 'shop city, a hub and the buyer city on the map');
  await browser.shot(page, 'order-tracking');
  await page.goto(server.url + '/orders');
  await page.locator('article.order-card[data-status="delivered"]').waitFor();
  for (let i = 0; i < 2; i++) {
    await page.locator('article.order-card:is([data-status="shipped"], [data-status="delivered"])').first().getByRole('button', { name: 'Confirm receipt' }).click();
    await waitUntil(async () => (await page.locator('article.order-card[data-status="completed"]').count()) === i + 1, `${i + 1} completed orders`);
  }
  await page.locator('article.order-card').first().getByRole('list', { name: 'Status history' }).getByText('Completed').waitFor();
}

async function buyerReviews(page) {
  log('buyer reviews a completed order; the shop page shows the review and its score');
  const order = page.locator('article.order-card[data-status="completed"]', { hasText: 'Longjing green tea' });
  await order.getByRole('button', { name: /^Review / }).first().click();
  const form = order.getByRole('form', { name: 'Review this item' });
  await form.getByLabel('Service').selectOption('4');
  await form.getByLabel('Your review (any language)').fill('Très bon thé, 很好喝');
  await form.getByRole('button', { name: 'Publish review' }).click();
  await order.getByText(/^You reviewed /).first().waitFor();
  await browser.shot(page, 'review-written');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: 'West Lake Tea House' }).click();
  await page.getByRole('heading', { name: 'Reputation' }).waitFor();
  await page.getByText('Très bon thé, 很好喝').waitFor();
  await page.getByText(/higher than \d+ % of shops/).first().waitFor();
  await browser.shot(page, 'shop-reviews');
}

async function merchantReplies(page) {
  log('merchant replies to the review');
  await page.goto(server.url + '/sell/reviews');
  await page.getByText('Très bon thé, 很好喝').waitFor();
  await page.getByLabel('Public reply').fill('Merci ! 谢谢');
  await page.getByRole('button', { name: 'Reply' }).click();
  await page.getByText('The shop replied:').waitFor();
  await browser.shot(page, 'merchant-reviews');
}

async function buyerSearches(page) {
  log('buyer searches with the search index: stemming, facets, did you mean');
  await page.getByRole('link', { name: 'Search', exact: true }).click();
  // A search field with suggestions (a datalist) is a combobox.
  const box = page.getByRole('combobox', { name: 'Search' });
  await waitUntil(async () => {
    await box.fill('teas');
    await box.press('Enter');
    await page.locator('.search-results, .search-page p').first().waitFor();
    return (await page.locator('.search-results li').count()) > 0;
  }, 'the indexer to pick up the products');
  await page.locator('.search-results').getByRole('link', { name: 'Longjing green tea' }).waitFor();
  await page.getByRole('group', { name: 'City' }).getByLabel(/Hangzhou/).check();
  await waitUntil(async () => page.url().includes('city=Hangzhou'), 'the city facet in the URL');
  await page.locator('.search-results').getByRole('link', { name: 'Longjing green tea' }).waitFor();
  await browser.shot(page, 'search');
  await page.goto(server.url + '/search?q=longjin');
  await page.getByText('Did you mean').waitFor();
}

async function merchantSeesBalance(page) {
  log('merchant sees the released money and asks for a payout');
  await page.goto(server.url + '/sell/balance');
  const available = page.locator('.shop-available');
  await available.waitFor();
  const text = await available.textContent();
  const amount = Number((text ?? '').replace(/[^0-9.]/g, ''));
  // 2 x 150.00 less the marketplace commission.
  assert(amount > 0 && amount <= 300, `the shop's available balance is positive after confirmation (got "${text}")`);
  await page.getByLabel('Payout amount (CNY)').fill('100');
  await page.getByRole('button', { name: 'Request payout' }).click();
  await page.getByText('Payout requested.').waitFor();
  await browser.shot(page, 'merchant-balance');
}

async function merchantSeesSalesData(page) {
  log('merchant sees its sales data: totals, the chart, top products and cities');
  await page.goto(server.url + '/sell/data');
  // The aggregates follow the outbox about once a second: reload until they do.
  let orders = 0;
  for (let attempt = 0; attempt < 20 && orders < 1; ++attempt) {
    if (attempt > 0) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    const cell = page.locator('.analytics-orders');
    await cell.waitFor();
    orders = Number(await cell.textContent());
  }
  assert(orders >= 1, `the dashboard counts the shop's paid orders (got ${orders})`);
  await page.locator('.analytics-chart canvas').first().waitFor();
  await page.locator('table.analytics-products tbody tr').first().waitFor();
  await page.locator('table.analytics-cities tbody tr').first().waitFor();
  await browser.shot(page, 'merchant-data');
}

async function merchantSeesCreditOffer(page) {
  log('merchant sees its working-capital offer: declined for a new shop, with reasons');
  await page.goto(server.url + '/sell/credit');
  await page.getByRole('heading', { level: 1, name: 'Working capital' }).waitFor();
  await page.getByText('No working capital offer today').waitFor();
  await page.locator('.credit-reasons li', { hasText: 'open for less than 3 months' }).waitFor();
  await browser.shot(page, 'merchant-credit');
}

async function operatorSeesCreditBook(page) {
  log('operator sees the credit book and adds lending capital');
  await page.getByRole('link', { name: 'Credit book' }).click();
  await page.getByRole('heading', { level: 1, name: 'Credit book' }).waitFor();
  await page.getByText('Active model: default-2026-11').waitFor();
  await page.getByLabel('Amount (CNY)').fill('5000');
  await page.getByRole('button', { name: 'Add lending capital' }).click();
  await page.locator('.credit-capital', { hasText: '5,000' }).waitFor();
  await browser.shot(page, 'operator-credit');
}

async function operatorPays(page) {
  log('operator marks the payout paid and checks the ledger');
  await logIn(page, 'operator@example.com');
  await page.getByRole('link', { name: 'Operator' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.locator('.stats dd').first().waitFor();
  // Two completed orders paid their carriers' fees through the ledger.
  await page.locator('.payables', { hasText: 'Shipping fees owed to carriers' }).waitFor();
  await browser.shot(page, 'operator-overview');
  await page.getByRole('link', { name: 'Payouts' }).click();
  await page.getByRole('button', { name: 'Mark paid' }).click();
  await page.locator('.badge-paid').waitFor();
  await browser.shot(page, 'operator-payouts');
  await page.getByRole('link', { name: 'Ledger check' }).click();
  await page.getByText('The ledger balances').waitFor();
  await page.getByRole('link', { name: 'Disputes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Disputes' }).waitFor();
  await operatorSeesCreditBook(page);
  await operatorSeesNetwork(page);
}

async function operatorSeesNetwork(page) {
  log('operator sees the network on a map, issues a carrier key once, and reads the customs rules');
  await page.getByRole('link', { name: 'Delivery network' }).click();
  await page.getByRole('heading', { level: 1, name: 'Delivery network' }).waitFor();
  await page.getByRole('img', { name: 'Map of the delivery network' }).waitFor();
  assert((await page.locator('.network-map .map-hub').count()) >= 6, 'the cross-border hubs are on the map');
  const carrier = page.locator('section.carrier').first();
  await carrier.getByRole('button', { name: 'Issue a tracking key' }).click();
  await carrier.locator('code.secret').waitFor();
  await carrier.getByRole('button', { name: 'Revoke' }).first().waitFor();
  await page.getByRole('table', { name: /Landed cost rules/ }).getByRole('rowheader', { name: /^FR/ }).waitFor();
  await browser.shot(page, 'operator-network');
}

try {
  server.addOperator('operator@example.com', kPassword);
  await server.start();
  log(`server at ${server.url}`);
  await browser.launch();
  const category = await leafCategory();
  const merchant = await browser.newPage('merchant');
  const buyer = await browser.newPage('buyer');
  const operator = await browser.newPage('operator');

  await merchantOpensShopAndListsProduct(merchant, category);
  const secondShop = await secondMerchantThroughApi(category);
  await buyerShops(buyer);
  await merchantShips(merchant);
  await buyerConfirms(buyer, secondShop);
  await buyerReviews(buyer);
  await merchantReplies(merchant);
  await buyerSearches(buyer);
  await merchantSeesBalance(merchant);
  await merchantSeesSalesData(merchant);
  await merchantSeesCreditOffer(merchant);
  await operatorPays(operator);

  log('keyboard: the first Tab reaches the skip link, which moves focus to the content');
  await buyer.goto(server.url + '/');
  await buyer.keyboard.press('Tab');
  assert((await buyer.evaluate(() => document.activeElement?.textContent)) === 'Skip to content', 'the skip link comes first');
  await buyer.keyboard.press('Enter');
  assert(buyer.url().endsWith('#main'), 'the skip link targets the main content');

  log('an unknown page shows the not-found page; the buyer logs out');
  await buyer.goto(server.url + '/no/such/page');
  await buyer.getByRole('heading', { name: 'Page not found' }).waitFor();
  await buyer.getByRole('button', { name: 'Log out' }).click();
  await buyer.getByRole('link', { name: 'Log in' }).waitFor();
  await buyer.goto(server.url + '/orders');
  await buyer.getByText('Log in to see this page.').waitFor();
} catch (error) {
  failed = true;
  console.error('FAIL:', error.stack ?? error);
} finally {
  await browser.close();
  await server.stop();
}

if (browser.errors.length > 0) {
  failed = true;
  console.error('FAIL: errors in the browser:\n  ' + browser.errors.join('\n  '));
}
if (failed && server.log.length) console.error('server log (tail):\n' + server.log.join('').split('\n').slice(-30).join('\n'));
log(failed ? 'FAILED' : `passed; screenshots in ${screenshotDir}`);
process.exit(failed ? 1 : 0);
