// The shapes the API returns (see the server's /openapi.json and API.md).
import type { GetOrdersByIdResponse } from './api-types';
import type { Money } from './i18n';

export type { Money };

export type Role = 'buyer' | 'merchant' | 'operator';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  created_at: string;
}

export interface Session {
  token: string;
  expires_at: string;
  user: User;
}

export interface Page<T> {
  items: T[];
  next_after: string | number | null;
}

export interface Shop {
  id: number;
  name: string;
  description?: string;
  city: string;
  country: string;
  currency: string;
  owner_id: number;
  product_count?: number;
  created_at: string;
  reputation?: Reputation;
}

export interface Category {
  id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  path: string;
}

export interface Sku {
  id: number;
  attrs: Record<string, string>;
  price: Money;
  stock: number;
  on_hand?: number;
  reserved?: number;
}

export interface Image {
  id: number;
  url: string;
  content_type: string;
}

export interface Product {
  id: number;
  shop_id: number;
  shop: { id: number; name: string; city: string; country: string };
  title: string;
  description: string;
  category: { id: number; slug: string; name: string } | null;
  status: string;
  skus: Sku[];
  images: Image[];
  price_min: Money | null;
  created_at: string;
  updated_at: string;
}

export interface CartItem {
  sku_id: number;
  product_id: number;
  title: string;
  attrs: Record<string, string>;
  quantity: number;
  unit_price: Money;
  line_total: Money;
  available: number;
}

export interface CartGroup {
  shop: { id: number; name: string; city: string; currency: string };
  items: CartItem[];
  subtotal: Money;
}

export interface Cart {
  groups: CartGroup[];
  item_count: number;
}

export interface Address {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postal_code: string;
  country: string;
  phone?: string;
}

export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'refund_requested'
  | 'refunded'
  | 'disputed'
  | 'resolved';

export interface OrderLine {
  sku_id: number;
  product_id: number;
  title: string;
  attrs: Record<string, string>;
  quantity: number;
  unit_price: Money;
  line_total: Money;
}

export interface Order {
  id: number;
  shop_id: number;
  shop: { id: number; name: string };
  buyer_id: number;
  status: OrderStatus;
  lines: OrderLine[];
  total: Money;
  goods_total: Money;
  shipping: GetOrdersByIdResponse['shipping'];
  shipping_address: Address;
  shipment: { carrier: string; tracking_number: string; shipped_at: string } | null;
  refund: { id: number; amount: Money; reason: string; status: string } | null;
  dispute: { reason: string; status: string; outcome: string | null } | null;
  timeline: { status: string; at: string }[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
}

export interface TrackingEvent {
  event_id: string;
  type: string;
  at: string;
  hub: string | null;
  reason: string | null;
}

export interface Shipment {
  id: number;
  carrier_id: string;
  carrier_name?: string;
  service: string;
  tracking_number: string;
  status: string;
  from_city: string;
  to_city: string;
  promised_by: string;
  eta: string;
  legs: { kind: string; from: string; to: string; departs_at: string; arrives_at: string }[];
  events: TrackingEvent[];
}

export interface Tracking {
  order_id: number;
  order_status: OrderStatus;
  shipment: Shipment | null;
  self_delivery: { carrier: string; tracking_number: string; shipped_at: string } | null;
}

export interface Wallet {
  balances: { currency: string; available: Money; pending: Money }[];
  test_mode: boolean;
}

export interface WalletTransaction {
  id: number | string;
  kind: string;
  amount: Money;
  direction: 'in' | 'out';
  pending: boolean;
  reference: string;
  created_at: string;
}

export interface Payout {
  id: number;
  shop_id: number;
  amount: Money;
  status: 'requested' | 'paid' | 'failed';
  created_at: string;
}

// GET /api/v1/shops/{id}/credit-offer
export interface CreditOffer {
  shop_id: number;
  decision: 'approved' | 'declined';
  frozen: boolean;
  band: string | null;
  limit: Money;
  available: Money;
  outstanding: Money;
  active_loan_id: number | null;
  fee_bps: number;
  repayment_share_bps: number;
  term_days: number;
  pd: number;
  points: number;
  model_version: string;
  reasons: string[];
}

export interface Instalment {
  due_at: string;
  amount: Money;
  paid: Money;
}

// GET /api/v1/loans/{id}
export interface Loan {
  id: number;
  shop_id: number;
  status: 'active' | 'repaid' | 'written_off';
  principal: Money;
  fee: Money;
  owed: Money;
  repaid: Money;
  written_off: Money;
  repayment_share_bps: number;
  band: string;
  days_past_due: number;
  delinquency: string;
  reasons: string[];
  schedule: Instalment[];
  created_at: string;
}

// GET /api/v1/admin/credit/book
export interface CreditBook {
  currency: string;
  capital: Money;
  outstanding: Money;
  available: Money;
  active_loans: number;
  expected_loss: Money;
  model_version: string;
  bands: { band: string; loans: number; outstanding: Money; expected_loss: Money }[];
  delinquency: { bucket: string; outstanding: Money }[];
  models: { version: string; auc: number; ks: number; examples: number; active: boolean; created_at: string }[];
}

export interface LevelBadge {
  tier: 'none' | 'hearts' | 'diamonds' | 'crowns';
  count: number;
}

export interface RatingStanding {
  rating: number;
  market: number;
  higher_than_percent: number;
}

export interface Reputation {
  score: number;
  reviews: number;
  positive: number;
  level: LevelBadge;
  ratings: Record<'described' | 'service' | 'shipping', RatingStanding | number>;
  penalty?: number;
}

export interface Review {
  id: number;
  order_id: number;
  line_id: number;
  shop_id: number;
  product_id: number;
  product_title: string;
  buyer: string;
  ratings: Record<'described' | 'service' | 'shipping', number>;
  text: string;
  images: string[];
  created_at: string;
  status: 'visible' | 'held' | 'hidden';
  flag?: string;
  reply: { text: string; created_at: string } | null;
  open_reports: number;
}

export interface SearchItem {
  id: number;
  title: string;
  shop_id: number;
  shop_name: string;
  city: string;
  country: string;
  price: Money;
  rating: number | null;
  reviews: number;
  in_stock: boolean;
  image: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchAnswer {
  items: SearchItem[];
  facets: Record<'category' | 'price' | 'city' | 'country' | 'rating', FacetCount[]>;
  did_you_mean: string | null;
  next_after: string | null;
  total_estimate: number;
}
