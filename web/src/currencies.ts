// Currencies offered in pickers (shop currency, top-ups, filters). The server
// accepts any ISO 4217 code it knows; these are the marketplace's usual ones.
export const kCurrencies = ['CNY', 'USD', 'EUR', 'JPY', 'GBP', 'HKD', 'SGD', 'THB', 'VND', 'KRW'];
