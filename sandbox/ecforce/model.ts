/** The admin site's nouns, named as ecforce names them on screen (see ecforce-admin.md). */

export type ProductKind = '単品' | '定期';

export interface Product {
  id: number;
  /** 商品コード */
  code: string;
  /** 商品名 */
  name: string;
  kind: ProductKind;
  /** 販売価格 (tax included) */
  price: number;
}

export interface Customer {
  /** 顧客ID (internal) */
  id: number;
  /** 顧客番号 */
  number: string;
  /** 氏名 */
  name: string;
  kana: string;
  phone: string;
  email: string;
  postalCode: string;
  address: string;
  /** 会員 is the default for customers behind admin-created orders. */
  status: '会員' | '非会員';
}

export const PAYMENT_METHODS = ['代金引換', 'クレジットカード', '後払い（コンビニ・郵便局・銀行）', '銀行振込'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface OrderItem {
  productId: number;
  code: string;
  name: string;
  kind: ProductKind;
  price: number;
  quantity: number;
}

export const ORDER_STATES = ['新規受付', '発送準備中', '発送済み', 'キャンセル'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface Order {
  /** ID (internal) */
  id: number;
  /** 受注番号: 10 digits, shown to the customer */
  number: string;
  customerId: number;
  items: OrderItem[];
  paymentMethod: PaymentMethod;
  deliveryDate: string | null;
  deliveryTime: string | null;
  subtotal: number;
  shippingFee: number;
  total: number;
  state: OrderState;
  /** 受注備考欄 */
  memo: string;
  needsAttention: boolean;
  /** The subscription this order started or belongs to (子受注). */
  subscriptionId: number | null;
  createdAt: string;
  updatedAt: string;
  /** E-mail of the member who created it in the admin; null for storefront orders. */
  createdBy: string | null;
}

export type SubscriptionStatus = '有効' | '停止' | 'キャンセル';

export interface Subscription {
  /** ID (internal) */
  id: number;
  /** 定期受注番号: 10 digits */
  number: string;
  customerId: number;
  productId: number;
  productCode: string;
  productName: string;
  quantity: number;
  courseName: string;
  /** 定期内受注数 */
  orderCount: number;
  status: SubscriptionStatus;
  nextDeliveryOn: string | null;
  /** 定期受注備考欄 */
  memo: string;
  createdAt: string;
  updatedAt: string;
}

export type Permission = '受注管理' | '受注作成' | '定期受注管理';
export const PERMISSIONS: readonly Permission[] = ['受注管理', '受注作成', '定期受注管理'];

/** An admin login ("メンバー") with its role's rights. */
export interface Account {
  id: number;
  email: string;
  password: string;
  name: string;
  role: string;
  permissions: Permission[];
}
