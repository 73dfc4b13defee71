// Generated from the server's schema table (src/api/route_schemas.cc) by
// api::TypeScriptTypes; do not edit. Regenerate with
//   SHRIMP_UPDATE_API_TYPES=1 build/api_tests --gtest_filter='OpenApi.*'
/* eslint-disable */

export type GetHealthzResponse = {
  status: string;
};

export type GetOpenapiJsonResponse = {
  openapi: string;
  info: Record<string, string>;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, unknown>;
};

export type PostUsersRequest = {
  email: string;
  password: string;
  name: string;
};

export type PostUsersResponse = {
  id: number;
  email: string;
  name: string;
  role: string;
  created_at: string;
};

export type PostSessionsRequest = {
  email: string;
  password: string;
};

export type PostSessionsResponse = {
  token: string;
  expires_at: string;
  user: {
    id: number;
    email: string;
    name: string;
    role: string;
    created_at: string;
  };
};

export type GetMeResponse = {
  id: number;
  email: string;
  name: string;
  role: string;
  created_at: string;
};

export type GetCategoriesResponse = {
  items: ({
    id: number;
    slug: string;
    name: string;
    parent_id: number | null;
    path: string;
  })[];
};

export type PostCategoriesRequest = {
  slug: string;
  name: string;
  parent?: string;
};

export type PostCategoriesResponse = {
  id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  path: string;
};

export type PostShopsRequest = {
  name: string;
  city: string;
  country: string;
  currency: string;
  description?: string;
};

export type PostShopsResponse = {
  id: number;
  name: string;
  description: string;
  city: string;
  country: string;
  currency: string;
  owner_id: number;
  status: string;
  product_count: number;
  created_at: string;
  updated_at: string;
};

export type GetShopsResponse = {
  items: ({
    id: number;
    name: string;
    description: string;
    city: string;
    country: string;
    currency: string;
    owner_id: number;
    status: string;
    product_count: number;
    created_at: string;
    updated_at: string;
    reputation: {
      score: number;
      reviews: number;
      positive: number;
      level: {
        tier: string;
        count: number;
      };
      ratings: {
        described: number;
        service: number;
        shipping: number;
      };
    };
  })[];
  next_after: number | null;
};

export type GetShopsByIdResponse = {
  id: number;
  name: string;
  description: string;
  city: string;
  country: string;
  currency: string;
  owner_id: number;
  status: string;
  product_count: number;
  created_at: string;
  updated_at: string;
  reputation: {
    score: number;
    reviews: number;
    positive: number;
    level: {
      tier: string;
      count: number;
    };
    ratings: {
      described: {
        rating: number;
        market: number;
        higher_than_percent: number;
      };
      service: {
        rating: number;
        market: number;
        higher_than_percent: number;
      };
      shipping: {
        rating: number;
        market: number;
        higher_than_percent: number;
      };
    };
    penalty: number;
  };
};

export type PatchShopsByIdRequest = {
  name?: string;
  city?: string;
  description?: string;
};

export type PatchShopsByIdResponse = {
  id: number;
  name: string;
  description: string;
  city: string;
  country: string;
  currency: string;
  owner_id: number;
  status: string;
  product_count: number;
  created_at: string;
  updated_at: string;
};

export type PostShopsByIdProductsRequest = {
  title: string;
  description?: string;
  category: string;
  skus: ({
    price: {
      amount: number;
      currency: string;
    };
    stock?: number;
    attrs?: Record<string, string>;
    weight_grams?: number;
  })[];
};

export type PostShopsByIdProductsResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
    city: string;
    country: string;
    currency: string;
  };
  title: string;
  description: string;
  category: {
    id: number;
    slug: string;
    name: string;
  };
  status: string;
  price_min: {
    amount: number;
    currency: string;
  };
  skus: ({
    id: number;
    attrs: Record<string, string>;
    price: {
      amount: number;
      currency: string;
    };
    stock: number;
    on_hand: number;
    reserved: number;
    weight_grams: number;
  })[];
  stock_total: number;
  images: ({
    id: number;
    url: string;
    content_type: string;
    size_bytes: number;
  })[];
  created_at: string;
  updated_at: string;
};

export type GetShopsByIdProductsResponse = {
  items: ({
    id: number;
    shop_id: number;
    shop: {
      id: number;
      name: string;
      city: string;
      country: string;
      currency: string;
    };
    title: string;
    description: string;
    category: {
      id: number;
      slug: string;
      name: string;
    };
    status: string;
    price_min: {
      amount: number;
      currency: string;
    };
    skus: ({
      id: number;
      attrs: Record<string, string>;
      price: {
        amount: number;
        currency: string;
      };
      stock: number;
      on_hand: number;
      reserved: number;
      weight_grams: number;
    })[];
    stock_total: number;
    images: ({
      id: number;
      url: string;
      content_type: string;
      size_bytes: number;
    })[];
    created_at: string;
    updated_at: string;
  })[];
  next_after: string | null;
};

export type GetProductsResponse = {
  items: ({
    id: number;
    shop_id: number;
    shop: {
      id: number;
      name: string;
      city: string;
      country: string;
      currency: string;
    };
    title: string;
    description: string;
    category: {
      id: number;
      slug: string;
      name: string;
    };
    status: string;
    price_min: {
      amount: number;
      currency: string;
    };
    skus: ({
      id: number;
      attrs: Record<string, string>;
      price: {
        amount: number;
        currency: string;
      };
      stock: number;
      on_hand: number;
      reserved: number;
      weight_grams: number;
    })[];
    stock_total: number;
    images: ({
      id: number;
      url: string;
      content_type: string;
      size_bytes: number;
    })[];
    created_at: string;
    updated_at: string;
  })[];
  next_after: string | null;
};

export type GetProductsByIdResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
    city: string;
    country: string;
    currency: string;
  };
  title: string;
  description: string;
  category: {
    id: number;
    slug: string;
    name: string;
  };
  status: string;
  price_min: {
    amount: number;
    currency: string;
  };
  skus: ({
    id: number;
    attrs: Record<string, string>;
    price: {
      amount: number;
      currency: string;
    };
    stock: number;
    on_hand: number;
    reserved: number;
    weight_grams: number;
  })[];
  stock_total: number;
  images: ({
    id: number;
    url: string;
    content_type: string;
    size_bytes: number;
  })[];
  created_at: string;
  updated_at: string;
};

export type PatchProductsByIdRequest = {
  title?: string;
  category?: string;
  status?: string;
};

export type PatchProductsByIdResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
    city: string;
    country: string;
    currency: string;
  };
  title: string;
  description: string;
  category: {
    id: number;
    slug: string;
    name: string;
  };
  status: string;
  price_min: {
    amount: number;
    currency: string;
  };
  skus: ({
    id: number;
    attrs: Record<string, string>;
    price: {
      amount: number;
      currency: string;
    };
    stock: number;
    on_hand: number;
    reserved: number;
    weight_grams: number;
  })[];
  stock_total: number;
  images: ({
    id: number;
    url: string;
    content_type: string;
    size_bytes: number;
  })[];
  created_at: string;
  updated_at: string;
};

export type PostProductsByIdSkusRequest = {
  price: {
    amount: number;
    currency: string;
  };
  stock?: number;
  attrs?: Record<string, string>;
  weight_grams?: number;
};

export type PostProductsByIdSkusResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
    city: string;
    country: string;
    currency: string;
  };
  title: string;
  description: string;
  category: {
    id: number;
    slug: string;
    name: string;
  };
  status: string;
  price_min: {
    amount: number;
    currency: string;
  };
  skus: ({
    id: number;
    attrs: Record<string, string>;
    price: {
      amount: number;
      currency: string;
    };
    stock: number;
    on_hand: number;
    reserved: number;
    weight_grams: number;
  })[];
  stock_total: number;
  images: ({
    id: number;
    url: string;
    content_type: string;
    size_bytes: number;
  })[];
  created_at: string;
  updated_at: string;
};

export type PatchSkusByIdRequest = {
  stock?: number;
  price?: {
    amount: number;
    currency: string;
  };
  weight_grams?: number;
};

export type PatchSkusByIdResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
    city: string;
    country: string;
    currency: string;
  };
  title: string;
  description: string;
  category: {
    id: number;
    slug: string;
    name: string;
  };
  status: string;
  price_min: {
    amount: number;
    currency: string;
  };
  skus: ({
    id: number;
    attrs: Record<string, string>;
    price: {
      amount: number;
      currency: string;
    };
    stock: number;
    on_hand: number;
    reserved: number;
    weight_grams: number;
  })[];
  stock_total: number;
  images: ({
    id: number;
    url: string;
    content_type: string;
    size_bytes: number;
  })[];
  created_at: string;
  updated_at: string;
};

export type DeleteSkusByIdResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
    city: string;
    country: string;
    currency: string;
  };
  title: string;
  description: string;
  category: {
    id: number;
    slug: string;
    name: string;
  };
  status: string;
  price_min: {
    amount: number;
    currency: string;
  };
  skus: ({
    id: number;
    attrs: Record<string, string>;
    price: {
      amount: number;
      currency: string;
    };
    stock: number;
    on_hand: number;
    reserved: number;
    weight_grams: number;
  })[];
  stock_total: number;
  images: ({
    id: number;
    url: string;
    content_type: string;
    size_bytes: number;
  })[];
  created_at: string;
  updated_at: string;
};

export type PostProductsByIdImagesResponse = {
  id: number;
  url: string;
  content_type: string;
  size_bytes: number;
};

export type GetCartResponse = {
  groups: ({
    shop: {
      id: number;
      name: string;
      city: string;
      currency: string;
    };
    items: ({
      sku_id: number;
      product_id: number;
      title: string;
      attrs: Record<string, string>;
      quantity: number;
      unit_price: {
        amount: number;
        currency: string;
      };
      line_total: {
        amount: number;
        currency: string;
      };
      available: number;
    })[];
    subtotal: {
      amount: number;
      currency: string;
    };
  })[];
  item_count: number;
};

export type PostCartItemsRequest = {
  sku_id: number;
  quantity?: number;
};

export type PostCartItemsResponse = {
  groups: ({
    shop: {
      id: number;
      name: string;
      city: string;
      currency: string;
    };
    items: ({
      sku_id: number;
      product_id: number;
      title: string;
      attrs: Record<string, string>;
      quantity: number;
      unit_price: {
        amount: number;
        currency: string;
      };
      line_total: {
        amount: number;
        currency: string;
      };
      available: number;
    })[];
    subtotal: {
      amount: number;
      currency: string;
    };
  })[];
  item_count: number;
};

export type PatchCartItemsBySkuIdRequest = {
  quantity: number;
};

export type PatchCartItemsBySkuIdResponse = {
  groups: ({
    shop: {
      id: number;
      name: string;
      city: string;
      currency: string;
    };
    items: ({
      sku_id: number;
      product_id: number;
      title: string;
      attrs: Record<string, string>;
      quantity: number;
      unit_price: {
        amount: number;
        currency: string;
      };
      line_total: {
        amount: number;
        currency: string;
      };
      available: number;
    })[];
    subtotal: {
      amount: number;
      currency: string;
    };
  })[];
  item_count: number;
};

export type DeleteCartItemsBySkuIdResponse = {
  groups: ({
    shop: {
      id: number;
      name: string;
      city: string;
      currency: string;
    };
    items: ({
      sku_id: number;
      product_id: number;
      title: string;
      attrs: Record<string, string>;
      quantity: number;
      unit_price: {
        amount: number;
        currency: string;
      };
      line_total: {
        amount: number;
        currency: string;
      };
      available: number;
    })[];
    subtotal: {
      amount: number;
      currency: string;
    };
  })[];
  item_count: number;
};

export type PostCheckoutRequest = {
  shipping_address: {
    name: string;
    line1: string;
    city: string;
    postal_code: string;
    country: string;
  };
  items?: ({
    sku_id: number;
    quantity: number;
  })[];
  shipping?: ({
    shop_id: number;
    carrier: string;
    service: 'express' | 'standard';
  })[];
};

export type PostCheckoutResponse = {
  orders: ({
    id: number;
    shop_id: number;
    shop: {
      id: number;
      name: string;
    };
    buyer_id: number;
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    lines: ({
      sku_id: number;
      product_id: number;
      title: string;
      attrs: Record<string, string>;
      quantity: number;
      unit_price: {
        amount: number;
        currency: string;
      };
      line_total: {
        amount: number;
        currency: string;
      };
    })[];
    total: {
      amount: number;
      currency: string;
    };
    goods_total: {
      amount: number;
      currency: string;
    };
    shipping: {
      carrier: string;
      service: 'express' | 'standard';
      fee: {
        amount: number;
        currency: string;
      };
      promised_by: string;
      landed_cost: {
        country: string;
        duty: {
          amount: number;
          currency: string;
        };
        import_vat: {
          amount: number;
          currency: string;
        };
        total: {
          amount: number;
          currency: string;
        };
      } | null;
    } | null;
    shipping_address: {
      name: string;
      line1: string;
      line2: string;
      city: string;
      postal_code: string;
      country: string;
      phone: string;
    };
    shipment: {
      carrier: string;
      tracking_number: string;
      shipped_at: string;
    } | null;
    refund: {
      amount: {
        amount: number;
        currency: string;
      };
      reason: string;
      status: 'requested' | 'accepted' | 'declined';
    } | null;
    dispute: {
      reason: string;
      status: 'open' | 'resolved';
      outcome: string | null;
    } | null;
    timeline: ({
      status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
      at: string;
    })[];
    created_at: string;
    expires_at: string | null;
    auto_complete_at: string | null;
  })[];
};

export type GetOrdersResponse = {
  items: ({
    id: number;
    shop_id: number;
    shop: {
      id: number;
      name: string;
    };
    buyer_id: number;
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    lines: ({
      sku_id: number;
      product_id: number;
      title: string;
      attrs: Record<string, string>;
      quantity: number;
      unit_price: {
        amount: number;
        currency: string;
      };
      line_total: {
        amount: number;
        currency: string;
      };
    })[];
    total: {
      amount: number;
      currency: string;
    };
    goods_total: {
      amount: number;
      currency: string;
    };
    shipping: {
      carrier: string;
      service: 'express' | 'standard';
      fee: {
        amount: number;
        currency: string;
      };
      promised_by: string;
      landed_cost: {
        country: string;
        duty: {
          amount: number;
          currency: string;
        };
        import_vat: {
          amount: number;
          currency: string;
        };
        total: {
          amount: number;
          currency: string;
        };
      } | null;
    } | null;
    shipping_address: {
      name: string;
      line1: string;
      line2: string;
      city: string;
      postal_code: string;
      country: string;
      phone: string;
    };
    shipment: {
      carrier: string;
      tracking_number: string;
      shipped_at: string;
    } | null;
    refund: {
      amount: {
        amount: number;
        currency: string;
      };
      reason: string;
      status: 'requested' | 'accepted' | 'declined';
    } | null;
    dispute: {
      reason: string;
      status: 'open' | 'resolved';
      outcome: string | null;
    } | null;
    timeline: ({
      status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
      at: string;
    })[];
    created_at: string;
    expires_at: string | null;
    auto_complete_at: string | null;
  })[];
  next_after: number | null;
};

export type GetOrdersByIdResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdPayRequest = {
  method?: string;
};

export type PostOrdersByIdPayResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdCancelResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdShipRequest = {
  carrier?: string;
  tracking_number?: string;
  service?: 'express' | 'standard';
};

export type PostOrdersByIdShipResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdDeliverResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdConfirmResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdRefundRequestsRequest = {
  reason: string;
  amount?: number;
};

export type PostOrdersByIdRefundRequestsResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdRefundRequestsAcceptResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdRefundRequestsDeclineResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdDisputesRequest = {
  reason: string;
};

export type PostOrdersByIdDisputesResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostOrdersByIdResolveRequest = {
  outcome: string;
};

export type PostOrdersByIdResolveResponse = {
  id: number;
  shop_id: number;
  shop: {
    id: number;
    name: string;
  };
  buyer_id: number;
  status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
  lines: ({
    sku_id: number;
    product_id: number;
    title: string;
    attrs: Record<string, string>;
    quantity: number;
    unit_price: {
      amount: number;
      currency: string;
    };
    line_total: {
      amount: number;
      currency: string;
    };
  })[];
  total: {
    amount: number;
    currency: string;
  };
  goods_total: {
    amount: number;
    currency: string;
  };
  shipping: {
    carrier: string;
    service: 'express' | 'standard';
    fee: {
      amount: number;
      currency: string;
    };
    promised_by: string;
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
  } | null;
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    postal_code: string;
    country: string;
    phone: string;
  };
  shipment: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
  refund: {
    amount: {
      amount: number;
      currency: string;
    };
    reason: string;
    status: 'requested' | 'accepted' | 'declined';
  } | null;
  dispute: {
    reason: string;
    status: 'open' | 'resolved';
    outcome: string | null;
  } | null;
  timeline: ({
    status: 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded' | 'disputed' | 'resolved';
    at: string;
  })[];
  created_at: string;
  expires_at: string | null;
  auto_complete_at: string | null;
};

export type PostWalletConversionsRequest = {
  amount: {
    amount: number;
    currency: string;
  };
  to_currency: string;
};

export type PostWalletConversionsResponse = {
  from: {
    amount: number;
    currency: string;
  };
  to: {
    amount: number;
    currency: string;
  };
  rate_ppm: number;
  transfer_id: number;
};

export type GetFxRatesResponse = {
  items: ({
    base: string;
    quote: string;
    rate_ppm: number;
  })[];
};

export type GetWalletResponse = {
  balances: ({
    currency: string;
    available: {
      amount: number;
      currency: string;
    };
    pending: {
      amount: number;
      currency: string;
    };
  })[];
  test_mode: boolean;
};

export type GetWalletTransactionsResponse = {
  items: ({
    id: number;
    kind: string;
    amount: {
      amount: number;
      currency: string;
    };
    direction: string;
    pending: boolean;
    reference: string;
    created_at: string;
  })[];
  next_after: number | null;
};

export type PostWalletTopUpsRequest = {
  amount: {
    amount: number;
    currency: string;
  };
  provider: string;
};

export type PostWalletTopUpsResponse = {
  id: number;
  status: string;
  amount: {
    amount: number;
    currency: string;
  };
  provider: string;
  test_mode: boolean;
  created_at: string;
  payment_url?: string;
};

export type PostPaymentsWebhookRequest = {
  id: string;
  type: string;
  data: {
    top_up_id: number;
    amount: {
      amount: number;
      currency: string;
    };
  };
};

export type PostPaymentsWebhookResponse = {
  applied: boolean;
  top_up: {
    id: number;
    status: string;
    amount: {
      amount: number;
      currency: string;
    };
    provider: string;
    test_mode: boolean;
    created_at: string;
  };
};

export type GetShopsByIdBalanceResponse = {
  shop_id: number;
  available: {
    amount: number;
    currency: string;
  };
  pending: {
    amount: number;
    currency: string;
  };
};

export type PostPayoutsRequest = {
  shop_id: number;
  amount: {
    amount: number;
    currency: string;
  };
};

export type PostPayoutsResponse = {
  id: number;
  shop_id: number;
  amount: {
    amount: number;
    currency: string;
  };
  status: string;
  created_at: string;
  settled_at: string | null;
};

export type GetPayoutsResponse = {
  items: ({
    id: number;
    shop_id: number;
    amount: {
      amount: number;
      currency: string;
    };
    status: 'requested' | 'paid' | 'failed';
    created_at: string;
    settled_at: string;
  })[];
  next_after: number | null;
};

export type PostPayoutsByIdMarkPaidResponse = {
  id: number;
  shop_id: number;
  amount: {
    amount: number;
    currency: string;
  };
  status: 'requested' | 'paid' | 'failed';
  created_at: string;
  settled_at: string;
};

export type PostPayoutsByIdMarkFailedResponse = {
  id: number;
  shop_id: number;
  amount: {
    amount: number;
    currency: string;
  };
  status: 'requested' | 'paid' | 'failed';
  created_at: string;
  settled_at: string;
};

export type PutAdminFxRatesRequest = {
  base: string;
  quote: string;
  rate_ppm: number;
};

export type PutAdminFxRatesResponse = {
  base: string;
  quote: string;
  rate_ppm: number;
};

export type PutAdminCommissionRatesByCategoryRequest = {
  bps: number;
};

export type PutAdminCommissionRatesByCategoryResponse = {
  category: string;
  category_id: number;
  bps: number;
};

export type GetAdminOverviewResponse = {
  users: number;
  shops: number;
  products: number;
  orders: number;
  payouts_requested: number;
  orders_by_status: Record<string, unknown>;
  disputes_open: number;
  gmv: ({
    amount: number;
    currency: string;
  })[];
  payables: ({
    account: 'shipping_payable' | 'tax_payable';
    balance: {
      amount: number;
      currency: string;
    };
  })[];
};

export type GetAdminLedgerCheckResponse = {
  ok: boolean;
  problems: string[];
};

export type PostOrdersByIdReviewRequest = {
  line_id: number;
  ratings: {
    described: number;
    service: number;
    shipping: number;
  };
  text?: string;
  images?: string[];
};

export type PostOrdersByIdReviewResponse = {
  id: number;
  order_id: number;
  line_id: number;
  shop_id: number;
  product_id: number;
  product_title: string;
  buyer: string;
  ratings: {
    described: number;
    service: number;
    shipping: number;
  };
  text: string;
  images: string[];
  created_at: string;
  status: string;
  reply: {
    text: string;
    created_at: string;
  } | null;
  open_reports: number;
  flag?: string;
};

export type PostReviewImagesResponse = {
  name: string;
  url: string;
};

export type GetShopsByIdReviewsResponse = {
  items: ({
    id: number;
    order_id: number;
    line_id: number;
    shop_id: number;
    product_id: number;
    product_title: string;
    buyer: string;
    ratings: {
      described: number;
      service: number;
      shipping: number;
    };
    text: string;
    images: string[];
    created_at: string;
    status: string;
    reply: {
      text: string;
      created_at: string;
    } | null;
    open_reports: number;
  })[];
  next_after: number | null;
};

export type GetProductsByIdReviewsResponse = {
  items: ({
    id: number;
    order_id: number;
    line_id: number;
    shop_id: number;
    product_id: number;
    product_title: string;
    buyer: string;
    ratings: {
      described: number;
      service: number;
      shipping: number;
    };
    text: string;
    images: string[];
    created_at: string;
    status: 'visible' | 'held' | 'hidden';
    reply: {
      text: string;
      created_at: string;
    } | null;
    open_reports: number;
  })[];
  next_after: number | null;
};

export type GetReviewsResponse = {
  items: ({
    id: number;
    order_id: number;
    line_id: number;
    shop_id: number;
    product_id: number;
    product_title: string;
    buyer: string;
    ratings: {
      described: number;
      service: number;
      shipping: number;
    };
    text: string;
    images: string[];
    created_at: string;
    status: 'visible' | 'held' | 'hidden';
    reply: {
      text: string;
      created_at: string;
    } | null;
    open_reports: number;
    flag?: string;
  })[];
  next_after: number | null;
};

export type GetShopsByIdReputationResponse = {
  score: number;
  reviews: number;
  positive: number;
  level: {
    tier: string;
    count: number;
  };
  ratings: {
    described: {
      rating: number;
      market: number;
      higher_than_percent: number;
    };
    service: {
      rating: number;
      market: number;
      higher_than_percent: number;
    };
    shipping: {
      rating: number;
      market: number;
      higher_than_percent: number;
    };
  };
  penalty: number;
};

export type PostReviewsByIdReplyRequest = {
  text: string;
};

export type PostReviewsByIdReplyResponse = {
  id: number;
  order_id: number;
  line_id: number;
  shop_id: number;
  product_id: number;
  product_title: string;
  buyer: string;
  ratings: {
    described: number;
    service: number;
    shipping: number;
  };
  text: string;
  images: string[];
  created_at: string;
  status: string;
  reply: {
    text: string;
    created_at: string;
  };
  open_reports: number;
};

export type PostReviewsByIdReportsRequest = {
  reason: string;
};

export type PostReviewsByIdReportsResponse = {
  id: number;
  order_id: number;
  line_id: number;
  shop_id: number;
  product_id: number;
  product_title: string;
  buyer: string;
  ratings: {
    described: number;
    service: number;
    shipping: number;
  };
  text: string;
  images: string[];
  created_at: string;
  status: 'visible' | 'held' | 'hidden';
  reply: {
    text: string;
    created_at: string;
  } | null;
  open_reports: number;
};

export type PostReviewsByIdModerationRequest = {
  action: string;
};

export type PostReviewsByIdModerationResponse = {
  id: number;
  order_id: number;
  line_id: number;
  shop_id: number;
  product_id: number;
  product_title: string;
  buyer: string;
  ratings: {
    described: number;
    service: number;
    shipping: number;
  };
  text: string;
  images: string[];
  created_at: string;
  status: 'visible' | 'held' | 'hidden';
  reply: {
    text: string;
    created_at: string;
  } | null;
  open_reports: number;
  flag?: string;
};

export type GetSearchResponse = {
  items: ({
    id: number;
    title: string;
    shop_id: number;
    shop_name: string;
    city: string;
    country: string;
    price: {
      amount: number;
      currency: string;
    };
    rating: number | null;
    reviews: number;
    in_stock: boolean;
    image: string | null;
  })[];
  facets: {
    category: ({
      value: string;
      count: number;
    })[];
    price: ({
      value: string;
      count: number;
    })[];
    city: ({
      value: string;
      count: number;
    })[];
    country: ({
      value: string;
      count: number;
    })[];
    rating: ({
      value: string;
      count: number;
    })[];
  };
  did_you_mean: string | null;
  next_after: string | null;
  total_estimate: number;
};

export type GetSearchSuggestResponse = {
  suggestions: string[];
};

export type PostAdminCarriersByCarrierIdKeysRequest = {
  scopes: string[];
  label?: string;
};

export type PostAdminCarriersByCarrierIdKeysResponse = {
  key: string;
  api_key: {
    id: number;
    display: string;
    label: string;
    owner: {
      kind: string;
      id: string;
    };
    scopes: string[];
    created_at: string;
    created_by: number;
    last_used_at: string | null;
    revoked_at: string | null;
    active: boolean;
  };
};

export type GetAdminCarriersByCarrierIdKeysResponse = {
  keys: ({
    id: number;
    display: string;
    label: string;
    owner: {
      kind: string;
      id: string;
    };
    scopes: string[];
    created_at: string;
    created_by: number;
    last_used_at: string | null;
    revoked_at: string | null;
    active: boolean;
  })[];
};

export type DeleteAdminCarriersByCarrierIdKeysByKeyIdResponse = {
  id: number;
  display: string;
  label: string;
  owner: {
    kind: string;
    id: string;
  };
  scopes: string[];
  created_at: string;
  created_by: number;
  last_used_at: string | null;
  revoked_at: string;
  active: boolean;
};

export type GetPartnerMeResponse = {
  key_id: number;
  owner: {
    kind: string;
    id: string;
  };
  scopes: string[];
};

export type GetCitiesResponse = {
  cities: ({
    id: string;
    name: string;
    name_local: string;
    country: string;
    lat: number;
    lon: number;
    time_zone: string;
  })[];
  hubs?: ({
    id: string;
    name: string;
    city: string;
    transfer_minutes: number;
  })[];
};

export type GetDeliveryEstimateResponse = {
  from_city: string;
  to_city: string;
  service: string;
  carrier: {
    id: string;
    name: string;
  };
  ready_at: string;
  arrives_by: string;
  arrives_by_local: string;
  arrives_by_text: string;
  transit_hours: number;
  source: string;
  legs: ({
    kind: string;
    from: string;
    to: string;
    departs_at: string;
    arrives_at: string;
  })[];
};

export type GetShippingOptionsResponse = {
  sku_id: number;
  quantity: number;
  weight_grams: number;
  from_city: string;
  to_city: string;
  ready_at: string;
  options: ({
    carrier: {
      id: string;
      name: string;
    };
    service: 'express' | 'standard';
    price: {
      amount: number;
      currency: string;
    };
    arrives_by: string;
    arrives_by_local: string;
    arrives_by_text: string;
    transit_hours: number;
  })[];
};

export type GetCartShippingOptionsResponse = {
  to_city: string;
  ready_at: string;
  groups: ({
    shop_id: number;
    shop_name: string;
    weight_grams: number;
    from_city: string | null;
    options: ({
      carrier: {
        id: string;
        name: string;
      };
      service: 'express' | 'standard';
      price: {
        amount: number;
        currency: string;
      };
      arrives_by: string;
      arrives_by_local: string;
      arrives_by_text: string;
      transit_hours: number;
    })[];
    landed_cost: {
      country: string;
      duty: {
        amount: number;
        currency: string;
      };
      import_vat: {
        amount: number;
        currency: string;
      };
      total: {
        amount: number;
        currency: string;
      };
    } | null;
    error: {
      code: string;
      message: string;
    } | null;
  })[];
};

export type GetLandedCostRulesResponse = {
  items: ({
    country: string;
    customs_union: string | null;
    duty_free_up_to: {
      amount: number;
      currency: string;
    };
    vat_free_up_to: {
      amount: number;
      currency: string;
    } | null;
    vat_bps: number;
    duty_bps: Record<string, number>;
  })[];
};

export type GetAdminNetworkResponse = {
  cities: ({
    id: string;
    name: string;
    name_local: string;
    country: string;
    lat: number;
    lon: number;
    time_zone: string;
  })[];
  hubs: ({
    id: string;
    name: string;
    city: string;
    transfer_minutes: number;
  })[];
  carriers: ({
    id: string;
    name: string;
  })[];
  legs: ({
    carrier: string;
    service: string;
    from_hub: string;
    to_hub: string;
    departs: string;
    days: string;
    duration_minutes: number;
    cutoff_minutes: number;
  })[];
  rates: ({
    carrier: string;
    service: string;
    from_zone: string;
    to_zone: string;
    currency: string;
    first_grams: number;
    first_price: number;
    step_grams: number;
    step_price: number;
  })[];
  first_miles: number;
  last_miles: number;
};

export type PostShipmentsByIdEventsRequest = {
  event_id: string;
  type: string;
  at: string;
  hub?: string;
  reason?: string;
};

export type PostShipmentsByIdEventsResponse = {
  replayed: boolean;
  shipment: {
    id: number;
    order_id: number;
    carrier_id: string;
    carrier_name: string;
    service: string;
    tracking_number: string;
    status: string;
    from_city: string;
    to_city: string;
    created_at: string;
    promised_by: string;
    promised_by_local: string;
    eta: string;
    eta_local: string;
    legs: ({
      kind: string;
      from: string;
      to: string;
      departs_at: string;
      arrives_at: string;
    })[];
    events: ({
      event_id: string;
      type: string;
      at: string;
      hub: string | null;
      reason: string | null;
      recorded_at: string;
    })[];
  };
  order_status: string | null;
};

export type GetShipmentsByIdResponse = {
  id: number;
  order_id: number;
  carrier_id: string;
  carrier_name: string;
  service: string;
  tracking_number: string;
  status: string;
  from_city: string;
  to_city: string;
  created_at: string;
  promised_by: string;
  promised_by_local: string;
  eta: string;
  eta_local: string;
  legs: ({
    kind: string;
    from: string;
    to: string;
    departs_at: string;
    arrives_at: string;
  })[];
  events: ({
    event_id: string;
    type: string;
    at: string;
    hub: string | null;
    reason: string | null;
    recorded_at: string;
  })[];
};

export type GetOrdersByIdTrackingResponse = {
  order_id: number;
  order_status: string;
  shipment: {
    id: number;
    order_id: number;
    carrier_id: string;
    carrier_name: string;
    service: string;
    tracking_number: string;
    status: string;
    from_city: string;
    to_city: string;
    created_at: string;
    promised_by: string;
    promised_by_local: string;
    eta: string;
    eta_local: string;
    legs: ({
      kind: string;
      from: string;
      to: string;
      departs_at: string;
      arrives_at: string;
    })[];
    events: ({
      event_id: string;
      type: string;
      at: string;
      hub: string | null;
      reason: string | null;
      recorded_at: string;
    })[];
  } | null;
  self_delivery: {
    carrier: string;
    tracking_number: string;
    shipped_at: string;
  } | null;
};

export type PostApiKeysRequest = {
  scopes: string[];
  label?: string;
};

export type PostApiKeysResponse = {
  key: string;
  api_key: {
    id: number;
    display: string;
    label: string;
    scopes: string[];
    created_at: string;
    last_used_at: string | null;
    active: boolean;
  };
};

export type GetApiKeysResponse = {
  keys: ({
    id: number;
    display: string;
    label: string;
    scopes: string[];
    created_at: string;
    last_used_at: string;
    active: boolean;
  })[];
};

export type DeleteApiKeysByKeyIdResponse = {
  id: number;
  display: string;
  label: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  active: boolean;
};

export type GetEventsResponse = {
  items: ({
    id: number;
    type: 'order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden';
    created_at: string;
    shop_id: number;
    object: string;
    object_id: number;
    data: {
      id: number;
      shop_id: number;
      status: 'active' | 'repaid' | 'written_off';
      decision: 'approved';
      principal: {
        amount: number;
        currency: string;
      };
      fee: {
        amount: number;
        currency: string;
      };
      owed: {
        amount: number;
        currency: string;
      };
      repaid: {
        amount: number;
        currency: string;
      };
      written_off: {
        amount: number;
        currency: string;
      };
      repayment_share_bps: number;
      band: string;
      pd: number;
      points: number;
      limit: {
        amount: number;
        currency: string;
      };
      model_version: string;
      days_past_due: number;
      delinquency: 'current' | '1-30' | '31-60' | '61-90' | '90+';
      reasons: string[];
      inputs: {
        tenure_days: number;
        monthly_sales: number;
        monthly_orders: number;
        growth: number;
        volatility: number;
        distinct_buyers: number;
        repeat_share: number;
        refund_rate: number;
        dispute_rate: number;
        on_time_rate: number;
        reputation: number | null;
        outstanding: number;
        loans_repaid: number;
        ever_late: boolean;
        ever_written_off: boolean;
      };
      schedule: ({
        due_at: string;
        amount: {
          amount: number;
          currency: string;
        };
        paid: {
          amount: number;
          currency: string;
        };
      })[];
      created_at: string;
    } | {
      id: number;
      order_id: number;
      line_id: number;
      shop_id: number;
      product_id: number;
      product_title: string;
      buyer: string;
      ratings: {
        described: number;
        service: number;
        shipping: number;
      };
      text: string;
      images: string[];
      created_at: string;
      status: 'visible' | 'held' | 'hidden';
      reply: {
        text: string;
        created_at: string;
      } | null;
      open_reports: number;
      flag?: string;
    } | {
      id: number;
      shop_id?: number;
      shop?: {
        id: number;
        name: string;
      };
      buyer_id?: number;
      status: string;
      lines?: ({
        sku_id: number;
        product_id: number;
        title: string;
        attrs: Record<string, string>;
        quantity: number;
        unit_price: {
          amount: number;
          currency: string;
        };
        line_total: {
          amount: number;
          currency: string;
        };
      })[];
      total?: {
        amount: number;
        currency: string;
      };
      goods_total?: {
        amount: number;
        currency: string;
      };
      shipping?: {
        carrier: string;
        service: 'express' | 'standard';
        fee: {
          amount: number;
          currency: string;
        };
        promised_by: string;
        landed_cost: {
          country: string;
          duty: {
            amount: number;
            currency: string;
          };
          import_vat: {
            amount: number;
            currency: string;
          };
          total: {
            amount: number;
            currency: string;
          };
        } | null;
      } | null;
      shipping_address?: {
        name: string;
        line1: string;
        line2: string;
        city: string;
        postal_code: string;
        country: string;
        phone: string;
      };
      shipment?: {
        carrier: string;
        tracking_number: string;
        shipped_at: string;
      } | null;
      refund?: {
        amount: {
          amount: number;
          currency: string;
        };
        reason: string;
        status: string;
      } | null;
      dispute?: {
        reason: string;
        status: string;
        outcome: string | null;
      } | null;
      timeline?: ({
        status: string;
        at: string;
      })[];
      created_at: string;
      expires_at?: string | null;
      auto_complete_at?: string | null;
      order_id?: number;
      carrier_id?: string;
      carrier_name?: string;
      service?: string;
      tracking_number?: string;
      from_city?: string;
      to_city?: string;
      promised_by?: string;
      promised_by_local?: string;
      eta?: string;
      eta_local?: string;
      legs?: ({
        kind: string;
        from: string;
        to: string;
        departs_at: string;
        arrives_at: string;
      })[];
      events?: ({
        event_id: string;
        type: string;
        at: string;
        hub: string | null;
        reason: string | null;
        recorded_at: string;
      })[];
      amount?: {
        amount: number;
        currency: string;
      };
      settled_at?: string | null;
    };
  })[];
  next_after: number | null;
};

export type PostWebhooksRequest = {
  url: string;
  events?: string[];
};

export type PostWebhooksResponse = {
  id: number;
  url: string;
  events: ('order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden')[];
  scope: 'all' | 'own_shops';
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
  secret: string;
};

export type GetWebhooksResponse = {
  items: ({
    id: number;
    url: string;
    events: ('order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden')[];
    scope: 'all' | 'own_shops';
    enabled: boolean;
    disabled_reason: string | null;
    created_at: string;
  })[];
};

export type GetWebhooksByIdResponse = {
  id: number;
  url: string;
  events: ('order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden')[];
  scope: 'all' | 'own_shops';
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
};

export type DeleteWebhooksByIdResponse = {
  id: number;
  url: string;
  events: ('order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden')[];
  scope: 'all' | 'own_shops';
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
};

export type PostWebhooksByIdEnableResponse = {
  id: number;
  url: string;
  events: ('order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden')[];
  scope: 'all' | 'own_shops';
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
};

export type PostWebhooksByIdDisableResponse = {
  id: number;
  url: string;
  events: ('order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden')[];
  scope: 'all' | 'own_shops';
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
};

export type GetWebhooksByIdDeliveriesResponse = {
  items: ({
    id: number;
    event_id: number;
    event_type: 'order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden';
    object: string;
    status: 'pending' | 'succeeded' | 'failed';
    attempts: number;
    next_attempt_at: string | null;
    created_at: string;
    history: ({
      at: string;
      status_code: number | null;
      latency_ms: number;
      response_snippet: string;
      error: string | null;
    })[];
  })[];
  next_after: number | null;
};

export type PostWebhooksByIdDeliveriesByDeliveryIdRetryResponse = {
  id: number;
  event_id: number;
  event_type: 'order.created' | 'order.paid' | 'order.shipped' | 'order.delivered' | 'order.completed' | 'order.cancelled' | 'order.refunded' | 'refund.opened' | 'refund.resolved' | 'dispute.opened' | 'dispute.resolved' | 'payout.requested' | 'payout.paid' | 'payout.failed' | 'shipment.created' | 'shipment.event' | 'loan.disbursed' | 'loan.repaid' | 'loan.overdue' | 'loan.written_off' | 'review.created' | 'review.replied' | 'review.hidden';
  object: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  history: ({
    at: string;
    status_code: number | null;
    latency_ms: number;
    response_snippet: string;
    error: string | null;
  })[];
};

export type GetShopsByIdAnalyticsResponse = {
  shop_id: number;
  from: string;
  to: string;
  currency: string;
  totals: {
    orders: number;
    sales: {
      amount: number;
      currency: string;
    };
    average_order_value: {
      amount: number;
      currency: string;
    };
    buyers: number;
    repeat_orders: number;
    repeat_order_share_bps: number;
    refunds: number;
    refunded: {
      amount: number;
      currency: string;
    };
    refund_rate_bps: number;
    cancelled: number;
    disputes: number;
    completed: number;
  };
  series: ({
    period_start: string;
    orders: number;
    sales: {
      amount: number;
      currency: string;
    };
    average_order_value: {
      amount: number;
      currency: string;
    };
    buyers: number;
    repeat_orders: number;
    repeat_order_share_bps: number;
    refunds: number;
    refunded: {
      amount: number;
      currency: string;
    };
    refund_rate_bps: number;
    cancelled: number;
    disputes: number;
    completed: number;
  })[];
  top_products: ({
    product_id: number;
    title: string;
    units: number;
    sales: {
      amount: number;
      currency: string;
    };
  })[];
  cities: ({
    city: string;
    country: string;
    orders: number;
    sales: {
      amount: number;
      currency: string;
    };
  })[];
};

export type GetAdminAnalyticsResponse = {
  gmv_by_day: ({
    day: string;
    orders: number;
    sales: {
      amount: number;
      currency: string;
    };
  })[];
  active_shops: number;
  new_selling_shops: number;
  yearly_sales_bands: ({
    currency: string;
    band: string;
    shops: number;
  })[];
  double_million_shops: number;
};

export type GetShopsByIdCreditOfferResponse = {
  shop_id: number;
  source: 'live' | 'stored';
  computed_at: string;
  decision: 'approved' | 'declined';
  frozen: boolean;
  band: string | null;
  limit: {
    amount: number;
    currency: string;
  };
  available: {
    amount: number;
    currency: string;
  };
  outstanding: {
    amount: number;
    currency: string;
  };
  active_loan_id: number | null;
  fee_bps: number;
  repayment_share_bps: number;
  term_days: number;
  pd: number;
  points: number;
  model_version: string;
  reasons: string[];
  inputs: {
    tenure_days: number;
    monthly_sales: number;
    monthly_orders: number;
    growth: number | null;
    volatility: number | null;
    distinct_buyers: number;
    repeat_share: number;
    refund_rate: number | null;
    dispute_rate: number | null;
    on_time_rate: number | null;
    reputation: number | null;
    outstanding: number;
    loans_repaid: number;
    ever_late: boolean;
    ever_written_off: boolean;
  };
};

export type GetAdminCreditOffersResponse = {
  items: ({
    shop_id: number;
    source: 'live' | 'stored';
    computed_at: string;
    decision: 'approved' | 'declined';
    frozen: boolean;
    band: string | null;
    limit: {
      amount: number;
      currency: string;
    };
    available: {
      amount: number;
      currency: string;
    };
    outstanding: {
      amount: number;
      currency: string;
    };
    active_loan_id: number | null;
    fee_bps: number;
    repayment_share_bps: number;
    term_days: number;
    pd: number;
    points: number;
    model_version: string;
    reasons: string[];
    inputs: {
      tenure_days: number;
      monthly_sales: number;
      monthly_orders: number;
      growth: number | null;
      volatility: number | null;
      distinct_buyers: number;
      repeat_share: number;
      refund_rate: number | null;
      dispute_rate: number | null;
      on_time_rate: number | null;
      reputation: number | null;
      outstanding: number;
      loans_repaid: number;
      ever_late: boolean;
      ever_written_off: boolean;
    };
  })[];
  next_after: number | null;
};

export type PostLoansRequest = {
  shop_id: number;
  amount: {
    amount: number;
    currency: string;
  };
};

export type PostLoansResponse = {
  id: number;
  shop_id: number;
  status: 'active' | 'repaid' | 'written_off';
  decision: 'approved';
  principal: {
    amount: number;
    currency: string;
  };
  fee: {
    amount: number;
    currency: string;
  };
  owed: {
    amount: number;
    currency: string;
  };
  repaid: {
    amount: number;
    currency: string;
  };
  written_off: {
    amount: number;
    currency: string;
  };
  repayment_share_bps: number;
  band: string;
  pd: number;
  points: number;
  limit: {
    amount: number;
    currency: string;
  };
  model_version: string;
  days_past_due: number;
  delinquency: 'current' | '1-30' | '31-60' | '61-90' | '90+';
  reasons: string[];
  inputs: {
    tenure_days: number;
    monthly_sales: number;
    monthly_orders: number;
    growth: number;
    volatility: number;
    distinct_buyers: number;
    repeat_share: number;
    refund_rate: number;
    dispute_rate: number;
    on_time_rate: number;
    reputation: number | null;
    outstanding: number;
    loans_repaid: number;
    ever_late: boolean;
    ever_written_off: boolean;
  };
  schedule: ({
    due_at: string;
    amount: {
      amount: number;
      currency: string;
    };
    paid: {
      amount: number;
      currency: string;
    };
  })[];
  created_at: string;
};

export type GetLoansByIdResponse = {
  id: number;
  shop_id: number;
  status: 'active' | 'repaid' | 'written_off';
  decision: 'approved';
  principal: {
    amount: number;
    currency: string;
  };
  fee: {
    amount: number;
    currency: string;
  };
  owed: {
    amount: number;
    currency: string;
  };
  repaid: {
    amount: number;
    currency: string;
  };
  written_off: {
    amount: number;
    currency: string;
  };
  repayment_share_bps: number;
  band: string;
  pd: number;
  points: number;
  limit: {
    amount: number;
    currency: string;
  };
  model_version: string;
  days_past_due: number;
  delinquency: 'current' | '1-30' | '31-60' | '61-90' | '90+';
  reasons: string[];
  inputs: {
    tenure_days: number;
    monthly_sales: number;
    monthly_orders: number;
    growth: number;
    volatility: number;
    distinct_buyers: number;
    repeat_share: number;
    refund_rate: number;
    dispute_rate: number;
    on_time_rate: number;
    reputation: number | null;
    outstanding: number;
    loans_repaid: number;
    ever_late: boolean;
    ever_written_off: boolean;
  };
  schedule: ({
    due_at: string;
    amount: {
      amount: number;
      currency: string;
    };
    paid: {
      amount: number;
      currency: string;
    };
  })[];
  created_at: string;
};

export type PostLoansByIdRepaymentsRequest = {
  amount?: {
    amount: number;
    currency: string;
  };
};

export type PostLoansByIdRepaymentsResponse = {
  id: number;
  shop_id: number;
  status: 'active' | 'repaid' | 'written_off';
  decision: 'approved';
  principal: {
    amount: number;
    currency: string;
  };
  fee: {
    amount: number;
    currency: string;
  };
  owed: {
    amount: number;
    currency: string;
  };
  repaid: {
    amount: number;
    currency: string;
  };
  written_off: {
    amount: number;
    currency: string;
  };
  repayment_share_bps: number;
  band: string;
  pd: number;
  points: number;
  limit: {
    amount: number;
    currency: string;
  };
  model_version: string;
  days_past_due: number;
  delinquency: 'current' | '1-30' | '31-60' | '61-90' | '90+';
  reasons: string[];
  inputs: {
    tenure_days: number;
    monthly_sales: number;
    monthly_orders: number;
    growth: number;
    volatility: number;
    distinct_buyers: number;
    repeat_share: number;
    refund_rate: number;
    dispute_rate: number;
    on_time_rate: number;
    reputation: number | null;
    outstanding: number;
    loans_repaid: number;
    ever_late: boolean;
    ever_written_off: boolean;
  };
  schedule: ({
    due_at: string;
    amount: {
      amount: number;
      currency: string;
    };
    paid: {
      amount: number;
      currency: string;
    };
  })[];
  created_at: string;
};

export type PostAdminCreditCapitalRequest = {
  amount: {
    amount: number;
    currency: string;
  };
};

export type PostAdminCreditCapitalResponse = {
  capital: {
    amount: number;
    currency: string;
  };
};

export type GetAdminCreditBookResponse = {
  currency: string;
  capital: {
    amount: number;
    currency: string;
  };
  outstanding: {
    amount: number;
    currency: string;
  };
  available: {
    amount: number;
    currency: string;
  };
  active_loans: number;
  expected_loss: {
    amount: number;
    currency: string;
  };
  model_version: string;
  bands: ({
    band: string;
    loans: number;
    outstanding: {
      amount: number;
      currency: string;
    };
    expected_loss: {
      amount: number;
      currency: string;
    };
  })[];
  delinquency: ({
    bucket: 'current' | '1-30' | '31-60' | '61-90' | '90+';
    outstanding: {
      amount: number;
      currency: string;
    };
  })[];
  models: ({
    version: string;
    auc: number;
    ks: number;
    examples: number;
    active: boolean;
    created_at: string;
  })[];
};

export type GetAdminCreditModelsResponse = {
  active_model: string;
  items: ({
    version: string;
    auc: number;
    ks: number;
    examples: number;
    active: boolean;
    created_at: string;
  })[];
};

export type PostAdminCreditModelsByVersionActivateResponse = {
  active_model: string;
};

export interface ApiRoutes {
  'GET /healthz': { request: never; response: GetHealthzResponse };
  'GET /metrics': { request: never; response: string };
  'GET /openapi.json': { request: never; response: GetOpenapiJsonResponse };
  'POST /api/v1/users': { request: PostUsersRequest; response: PostUsersResponse };
  'POST /api/v1/sessions': { request: PostSessionsRequest; response: PostSessionsResponse };
  'DELETE /api/v1/sessions/current': { request: never; response: string };
  'GET /api/v1/me': { request: never; response: GetMeResponse };
  'GET /api/v1/categories': { request: never; response: GetCategoriesResponse };
  'POST /api/v1/categories': { request: PostCategoriesRequest; response: PostCategoriesResponse };
  'POST /api/v1/shops': { request: PostShopsRequest; response: PostShopsResponse };
  'GET /api/v1/shops': { request: never; response: GetShopsResponse };
  'GET /api/v1/shops/{id}': { request: never; response: GetShopsByIdResponse };
  'PATCH /api/v1/shops/{id}': { request: PatchShopsByIdRequest; response: PatchShopsByIdResponse };
  'POST /api/v1/shops/{id}/products': { request: PostShopsByIdProductsRequest; response: PostShopsByIdProductsResponse };
  'GET /api/v1/shops/{id}/products': { request: never; response: GetShopsByIdProductsResponse };
  'GET /api/v1/products': { request: never; response: GetProductsResponse };
  'GET /api/v1/products/{id}': { request: never; response: GetProductsByIdResponse };
  'PATCH /api/v1/products/{id}': { request: PatchProductsByIdRequest; response: PatchProductsByIdResponse };
  'DELETE /api/v1/products/{id}': { request: never; response: string };
  'POST /api/v1/products/{id}/skus': { request: PostProductsByIdSkusRequest; response: PostProductsByIdSkusResponse };
  'PATCH /api/v1/skus/{id}': { request: PatchSkusByIdRequest; response: PatchSkusByIdResponse };
  'DELETE /api/v1/skus/{id}': { request: never; response: DeleteSkusByIdResponse };
  'POST /api/v1/products/{id}/images': { request: never; response: PostProductsByIdImagesResponse };
  'GET /images/{name}': { request: never; response: string };
  'GET /api/v1/cart': { request: never; response: GetCartResponse };
  'POST /api/v1/cart/items': { request: PostCartItemsRequest; response: PostCartItemsResponse };
  'PATCH /api/v1/cart/items/{sku_id}': { request: PatchCartItemsBySkuIdRequest; response: PatchCartItemsBySkuIdResponse };
  'DELETE /api/v1/cart/items/{sku_id}': { request: never; response: DeleteCartItemsBySkuIdResponse };
  'POST /api/v1/checkout': { request: PostCheckoutRequest; response: PostCheckoutResponse };
  'GET /api/v1/orders': { request: never; response: GetOrdersResponse };
  'GET /api/v1/orders/{id}': { request: never; response: GetOrdersByIdResponse };
  'POST /api/v1/orders/{id}/pay': { request: PostOrdersByIdPayRequest; response: PostOrdersByIdPayResponse };
  'POST /api/v1/orders/{id}/cancel': { request: never; response: PostOrdersByIdCancelResponse };
  'POST /api/v1/orders/{id}/ship': { request: PostOrdersByIdShipRequest; response: PostOrdersByIdShipResponse };
  'POST /api/v1/orders/{id}/deliver': { request: never; response: PostOrdersByIdDeliverResponse };
  'POST /api/v1/orders/{id}/confirm': { request: never; response: PostOrdersByIdConfirmResponse };
  'POST /api/v1/orders/{id}/refund-requests': { request: PostOrdersByIdRefundRequestsRequest; response: PostOrdersByIdRefundRequestsResponse };
  'POST /api/v1/orders/{id}/refund-requests/accept': { request: never; response: PostOrdersByIdRefundRequestsAcceptResponse };
  'POST /api/v1/orders/{id}/refund-requests/decline': { request: never; response: PostOrdersByIdRefundRequestsDeclineResponse };
  'POST /api/v1/orders/{id}/disputes': { request: PostOrdersByIdDisputesRequest; response: PostOrdersByIdDisputesResponse };
  'POST /api/v1/orders/{id}/resolve': { request: PostOrdersByIdResolveRequest; response: PostOrdersByIdResolveResponse };
  'POST /api/v1/wallet/conversions': { request: PostWalletConversionsRequest; response: PostWalletConversionsResponse };
  'GET /api/v1/fx-rates': { request: never; response: GetFxRatesResponse };
  'GET /api/v1/wallet': { request: never; response: GetWalletResponse };
  'GET /api/v1/wallet/transactions': { request: never; response: GetWalletTransactionsResponse };
  'POST /api/v1/wallet/top-ups': { request: PostWalletTopUpsRequest; response: PostWalletTopUpsResponse };
  'POST /api/v1/payments/webhook': { request: PostPaymentsWebhookRequest; response: PostPaymentsWebhookResponse };
  'GET /api/v1/shops/{id}/balance': { request: never; response: GetShopsByIdBalanceResponse };
  'POST /api/v1/payouts': { request: PostPayoutsRequest; response: PostPayoutsResponse };
  'GET /api/v1/payouts': { request: never; response: GetPayoutsResponse };
  'POST /api/v1/payouts/{id}/mark-paid': { request: never; response: PostPayoutsByIdMarkPaidResponse };
  'POST /api/v1/payouts/{id}/mark-failed': { request: never; response: PostPayoutsByIdMarkFailedResponse };
  'PUT /api/v1/admin/fx-rates': { request: PutAdminFxRatesRequest; response: PutAdminFxRatesResponse };
  'PUT /api/v1/admin/commission-rates/{category}': { request: PutAdminCommissionRatesByCategoryRequest; response: PutAdminCommissionRatesByCategoryResponse };
  'GET /api/v1/admin/overview': { request: never; response: GetAdminOverviewResponse };
  'GET /api/v1/admin/ledger-check': { request: never; response: GetAdminLedgerCheckResponse };
  'POST /api/v1/orders/{id}/review': { request: PostOrdersByIdReviewRequest; response: PostOrdersByIdReviewResponse };
  'POST /api/v1/review-images': { request: never; response: PostReviewImagesResponse };
  'GET /api/v1/shops/{id}/reviews': { request: never; response: GetShopsByIdReviewsResponse };
  'GET /api/v1/products/{id}/reviews': { request: never; response: GetProductsByIdReviewsResponse };
  'GET /api/v1/reviews': { request: never; response: GetReviewsResponse };
  'GET /api/v1/shops/{id}/reputation': { request: never; response: GetShopsByIdReputationResponse };
  'POST /api/v1/reviews/{id}/reply': { request: PostReviewsByIdReplyRequest; response: PostReviewsByIdReplyResponse };
  'POST /api/v1/reviews/{id}/reports': { request: PostReviewsByIdReportsRequest; response: PostReviewsByIdReportsResponse };
  'POST /api/v1/reviews/{id}/moderation': { request: PostReviewsByIdModerationRequest; response: PostReviewsByIdModerationResponse };
  'GET /api/v1/search': { request: never; response: GetSearchResponse };
  'GET /api/v1/search/suggest': { request: never; response: GetSearchSuggestResponse };
  'POST /api/v1/admin/carriers/{carrier_id}/keys': { request: PostAdminCarriersByCarrierIdKeysRequest; response: PostAdminCarriersByCarrierIdKeysResponse };
  'GET /api/v1/admin/carriers/{carrier_id}/keys': { request: never; response: GetAdminCarriersByCarrierIdKeysResponse };
  'DELETE /api/v1/admin/carriers/{carrier_id}/keys/{key_id}': { request: never; response: DeleteAdminCarriersByCarrierIdKeysByKeyIdResponse };
  'GET /api/v1/partner/me': { request: never; response: GetPartnerMeResponse };
  'GET /api/v1/cities': { request: never; response: GetCitiesResponse };
  'GET /api/v1/delivery-estimate': { request: never; response: GetDeliveryEstimateResponse };
  'GET /api/v1/shipping-options': { request: never; response: GetShippingOptionsResponse };
  'GET /api/v1/cart/shipping-options': { request: never; response: GetCartShippingOptionsResponse };
  'GET /api/v1/landed-cost-rules': { request: never; response: GetLandedCostRulesResponse };
  'GET /api/v1/admin/network': { request: never; response: GetAdminNetworkResponse };
  'POST /api/v1/shipments/{id}/events': { request: PostShipmentsByIdEventsRequest; response: PostShipmentsByIdEventsResponse };
  'GET /api/v1/shipments/{id}': { request: never; response: GetShipmentsByIdResponse };
  'GET /api/v1/orders/{id}/tracking': { request: never; response: GetOrdersByIdTrackingResponse };
  'POST /api/v1/api-keys': { request: PostApiKeysRequest; response: PostApiKeysResponse };
  'GET /api/v1/api-keys': { request: never; response: GetApiKeysResponse };
  'DELETE /api/v1/api-keys/{key_id}': { request: never; response: DeleteApiKeysByKeyIdResponse };
  'GET /api/v1/events': { request: never; response: GetEventsResponse };
  'POST /api/v1/webhooks': { request: PostWebhooksRequest; response: PostWebhooksResponse };
  'GET /api/v1/webhooks': { request: never; response: GetWebhooksResponse };
  'GET /api/v1/webhooks/{id}': { request: never; response: GetWebhooksByIdResponse };
  'DELETE /api/v1/webhooks/{id}': { request: never; response: DeleteWebhooksByIdResponse };
  'POST /api/v1/webhooks/{id}/enable': { request: never; response: PostWebhooksByIdEnableResponse };
  'POST /api/v1/webhooks/{id}/disable': { request: never; response: PostWebhooksByIdDisableResponse };
  'GET /api/v1/webhooks/{id}/deliveries': { request: never; response: GetWebhooksByIdDeliveriesResponse };
  'POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/retry': { request: never; response: PostWebhooksByIdDeliveriesByDeliveryIdRetryResponse };
  'GET /api/v1/shops/{id}/analytics': { request: never; response: GetShopsByIdAnalyticsResponse };
  'GET /api/v1/admin/analytics': { request: never; response: GetAdminAnalyticsResponse };
  'GET /api/v1/shops/{id}/credit-offer': { request: never; response: GetShopsByIdCreditOfferResponse };
  'GET /api/v1/admin/credit/offers': { request: never; response: GetAdminCreditOffersResponse };
  'POST /api/v1/loans': { request: PostLoansRequest; response: PostLoansResponse };
  'GET /api/v1/loans/{id}': { request: never; response: GetLoansByIdResponse };
  'POST /api/v1/loans/{id}/repayments': { request: PostLoansByIdRepaymentsRequest; response: PostLoansByIdRepaymentsResponse };
  'POST /api/v1/admin/credit/capital': { request: PostAdminCreditCapitalRequest; response: PostAdminCreditCapitalResponse };
  'GET /api/v1/admin/credit/book': { request: never; response: GetAdminCreditBookResponse };
  'GET /api/v1/admin/credit/models': { request: never; response: GetAdminCreditModelsResponse };
  'POST /api/v1/admin/credit/models/{version}/activate': { request: never; response: PostAdminCreditModelsByVersionActivateResponse };
}
