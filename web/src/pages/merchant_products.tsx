// Merchant products: the list, and one editor for creating and editing a
// product with its variants (price and stock per SKU) and images. The API's
// validation errors land next to the field they name (skus[1].price, title).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { Button, ErrorText, Notice, SelectField, TextAreaField, TextField } from '../components/form';
import { Loaded, MoneyText, PageTitle, StatusBadge } from '../components/ui';
import { fieldError, useAction, useResource } from '../hooks';
import { formatMoney, minorDigits, parseMoney, t } from '../i18n';
import { Link, navigate } from '../router';
import type { Category, Image, Page, Product, Shop, Sku } from '../types';
import { categoryOptions } from './products';

export function ProductsSection({ shop }: { shop: Shop }) {
  const products = useResource(() => api.get<Page<Product>>(`/api/v1/shops/${shop.id}/products?limit=100`), [shop.id]);
  return (
    <section>
      <div class="results-header">
        <PageTitle title={t('merchant.products')}>{t('merchant.products')}</PageTitle>
        <Link class="button button-primary" href="/sell/products/new">
          {t('merchant.new_product')}
        </Link>
      </div>
      <Loaded resource={products}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('merchant.no_products')}</p>
          ) : (
            <div class="table-scroll">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('merchant.product_title')}</th>
                    <th scope="col">{t('merchant.price')}</th>
                    <th scope="col">{t('merchant.stock_total')}</th>
                    <th scope="col">{t('common.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((product) => (
                    <tr key={product.id}>
                      <th scope="row">
                        <Link href={`/sell/products/${product.id}`}>{product.title}</Link>
                      </th>
                      <td>
                        <MoneyText money={product.price_min} />
                      </td>
                      <td>{product.skus.reduce((sum, sku) => sum + sku.stock, 0)}</td>
                      <td>
                        <StatusBadge status={product.status} />
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

interface SkuRow {
  id?: number;
  attrs: string;
  price: string;
  stock: string;
  original?: Sku;
}

function attrsText(attrs: Record<string, string>): string {
  return Object.entries(attrs ?? {}).map(([key, value]) => `${key}=${value}`).join(', ');
}

// "color=red, size=M" -> {color: "red", size: "M"}; null if malformed.
function parseAttrs(text: string): Record<string, string> | null {
  const attrs: Record<string, string> = {};
  for (const part of text.split(',').map((piece) => piece.trim()).filter(Boolean)) {
    const equals = part.indexOf('=');
    if (equals <= 0 || equals === part.length - 1) return null;
    attrs[part.slice(0, equals).trim()] = part.slice(equals + 1).trim();
  }
  return attrs;
}

function majorText(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return digits === 0 ? String(amount) : (amount / 10 ** digits).toFixed(digits);
}

// A client-side check before anything is sent, reported like the API's own
// errors so it shows at the same place.
function invalid(field: string, message: string): ApiError {
  return new ApiError(400, 'invalid_field', message, { field });
}

// The API may name a SKU field as skus[1].price or skus.1.price.
function skuError(error: ApiError | undefined, index: number, name: string): string | undefined {
  return fieldError(error, `skus[${index}].${name}`, `skus.${index}.${name}`);
}

export function ProductEditor({ shop, productId }: { shop: Shop; productId: number | null }) {
  const categories = useResource(() => api.get<Page<Category>>('/api/v1/categories'), []);
  const product = useResource(productId ? () => api.get<Product>(`/api/v1/products/${productId}`) : null, [productId]);
  const [form, setForm] = useState({ title: '', description: '', category: '', status: 'published' });
  const [skus, setSkus] = useState<SkuRow[]>([{ attrs: '', price: '', stock: '' }]);
  const [saved, setSaved] = useState<string | null>(null);
  const creating = productId === null;
  useEffect(() => {
    const data = product.data;
    if (!data) return;
    setForm({ title: data.title, description: data.description ?? '', category: data.category?.slug ?? '', status: data.status });
    setSkus(
      data.skus.map((sku) => ({
        id: sku.id,
        attrs: attrsText(sku.attrs),
        price: majorText(sku.price.amount, sku.price.currency),
        stock: String(sku.on_hand ?? sku.stock),
        original: sku,
      })),
    );
  }, [product.data]);

  const skuBody = (row: SkuRow, index: number) => {
    const attrs = parseAttrs(row.attrs);
    if (!attrs) throw invalid(`skus[${index}].attrs`, t('merchant.sku_attrs'));
    const amount = parseMoney(row.price, shop.currency);
    if (amount === null) throw invalid(`skus[${index}].price`, t('merchant.sku_price') + ': ' + formatMoney({ amount: 1999, currency: shop.currency }));
    const stock = Number(row.stock);
    if (!Number.isInteger(stock) || stock < 0 || row.stock.trim() === '') throw invalid(`skus[${index}].stock`, t('merchant.sku_stock'));
    return { attrs, price: { amount, currency: shop.currency }, stock };
  };

  // Runs one SKU request, labelling its error with the row it came from.
  const forRow = async <T,>(index: number, send: () => Promise<T>): Promise<T> => {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ApiError && error.field && !error.field.startsWith('skus')) {
        throw new ApiError(error.status, error.code, error.message, { ...error.details, field: `skus[${index}].${error.field}` });
      }
      throw error;
    }
  };

  const save = useAction(async () => {
    setSaved(null);
    const bodies = skus.map(skuBody);
    const fields = { title: form.title, description: form.description, category: form.category, status: form.status };
    if (creating) {
      const created = await api.post<Product>(`/api/v1/shops/${shop.id}/products`, { ...fields, skus: bodies });
      navigate(`/sell/products/${created.id}?created=1`, { replace: true });
      return;
    }
    await api.patch(`/api/v1/products/${productId}`, fields);
    for (let index = 0; index < skus.length; index++) {
      const row = skus[index];
      const body = bodies[index];
      if (row.id === undefined) {
        await forRow(index, () => api.post(`/api/v1/products/${productId}/skus`, body));
      } else if (row.original && (row.original.price.amount !== body.price.amount || (row.original.on_hand ?? row.original.stock) !== body.stock)) {
        await forRow(index, () => api.patch(`/api/v1/skus/${row.id}`, { price: body.price, stock: body.stock }));
      }
    }
    product.reload();
    setSaved(t('merchant.saved'));
  });

  const setField = (name: keyof typeof form) => (value: string) => setForm({ ...form, [name]: value });
  const setSku = (index: number, name: 'attrs' | 'price' | 'stock') => (value: string) =>
    setSkus(skus.map((row, i) => (i === index ? { ...row, [name]: value } : row)));
  const claimed = (error: ApiError | undefined) =>
    !!error?.field && (['title', 'description', 'category', 'status'].includes(error.field) || error.field.startsWith('skus'));
  const title = creating ? t('merchant.new_product') : t('merchant.edit_product');
  const justCreated = new URLSearchParams(window.location.search).has('created');

  if (!creating && !product.data) return <Loaded resource={product}>{() => null}</Loaded>;
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      {justCreated && <Notice>{t('merchant.created')}</Notice>}
      <div class="two-columns wide-left">
        <form
          class="stack card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.run();
          }}
        >
          <TextField label={t('merchant.product_title')} name="title" required value={form.title} onValue={setField('title')} error={fieldError(save.error, 'title')} />
          <TextAreaField label={t('merchant.product_description')} name="description" rows={4} value={form.description} onValue={setField('description')} error={fieldError(save.error, 'description')} />
          <div class="row">
            <SelectField
              label={t('merchant.product_category')}
              name="category"
              value={form.category}
              onValue={setField('category')}
              options={[{ value: '', label: t('merchant.choose_category') }, ...categoryOptions(categories.data?.items ?? [])]}
              error={fieldError(save.error, 'category')}
            />
            <SelectField
              label={t('merchant.product_status')}
              name="status"
              value={form.status}
              onValue={setField('status')}
              options={[
                { value: 'published', label: t('merchant.status_active') },
                { value: 'draft', label: t('merchant.status_draft') },
              ]}
              error={fieldError(save.error, 'status')}
            />
          </div>
          <fieldset class="skus">
            <legend>{t('merchant.skus')}</legend>
            {skus.map((row, index) => (
              <div class="sku-row" key={row.id ?? 'new-' + index} role="group" aria-label={t('merchant.sku_label', { n: index + 1 })}>
                <TextField label={t('merchant.sku_attrs')} name={`sku-attrs-${index}`} value={row.attrs} onValue={setSku(index, 'attrs')} error={skuError(save.error, index, 'attrs')} />
                <TextField
                  label={`${t('merchant.sku_price')} (${shop.currency})`}
                  name={`sku-price-${index}`}
                  inputMode="decimal"
                  required
                  value={row.price}
                  onValue={setSku(index, 'price')}
                  error={skuError(save.error, index, 'price')}
                />
                <TextField
                  label={t('merchant.sku_stock')}
                  name={`sku-stock-${index}`}
                  type="number"
                  min="0"
                  step="1"
                  inputMode="numeric"
                  required
                  value={row.stock}
                  onValue={setSku(index, 'stock')}
                  error={skuError(save.error, index, 'stock')}
                />
                {row.id === undefined && skus.length > 1 && (
                  <Button variant="link" onClick={() => setSkus(skus.filter((_, i) => i !== index))}>
                    {t('merchant.remove_sku', { n: index + 1 })}
                  </Button>
                )}
              </div>
            ))}
            <Button variant="secondary" onClick={() => setSkus([...skus, { attrs: '', price: '', stock: '' }])}>
              {t('merchant.add_sku')}
            </Button>
          </fieldset>
          <ErrorText error={claimed(save.error) ? undefined : save.error} />
          <Button type="submit" busy={save.busy}>
            {creating ? t('merchant.create') : t('merchant.save')}
          </Button>
          {saved && <Notice>{saved}</Notice>}
        </form>
        {!creating && product.data && <ImagesPanel product={product.data} onUploaded={product.reload} />}
      </div>
    </section>
  );
}

function ImagesPanel({ product, onUploaded }: { product: Product; onUploaded: () => void }) {
  const [done, setDone] = useState(false);
  const upload = useAction(async (file: File) => {
    setDone(false);
    await api.post<Image>(`/api/v1/products/${product.id}/images`, undefined, { blob: file });
    setDone(true);
    onUploaded();
  });
  return (
    <section class="card stack" aria-labelledby="images-heading">
      <h2 id="images-heading">{t('merchant.images')}</h2>
      {product.images.length > 0 && (
        <ul class="thumbnails">
          {product.images.map((image) => (
            <li key={image.id}>
              <img src={image.url} alt={product.title} width={96} height={72} />
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="image-upload">{t('merchant.upload_image')}</label>
        <input
          id="image-upload"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          disabled={upload.busy}
          aria-invalid={upload.error ? true : undefined}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) upload.run(file);
            event.currentTarget.value = '';
          }}
        />
      </div>
      {upload.busy && <p role="status">{t('common.working')}</p>}
      <ErrorText error={upload.error} />
      {done && <Notice>{t('merchant.uploaded')}</Notice>}
    </section>
  );
}
