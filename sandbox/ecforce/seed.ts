import { createPrng } from '../cloud/prng';
import { courseNames, familyNames, givenNames, productSpecs } from '../cloud/vocabulary';
import { PAYMENT_METHODS, type Customer, type Product, type SubscriptionStatus } from './model';
import type { EcforceStore } from './store';

const DAY = 86_400_000;

/**
 * The named customers tests and the demo rely on: emoji and full-width names, and 0, 1 and 3
 * running (有効) subscriptions, besides stopped and cancelled ones.
 */
export const SEEDED_CUSTOMERS = {
  noSubscription: '10000001',
  oneRunning: '10000002',
  threeRunning: '10000003',
  noneRunning: '10000004',
  emojiName: '10000005',
  halfWidthKana: '10000006',
} as const;

/** A memo already in the shop that looks like the robot's marker, to keep marker search exact. */
export const SEEDED_LOOKALIKE_MARKER = 'TANTO:seed-request-10';

interface NamedCustomer {
  customer: Omit<Customer, 'id'>;
  subscriptions: Array<{ code: string; status: SubscriptionStatus; orderCount: number }>;
}

const named: NamedCustomer[] = [
  {
    customer: person('10000001', '山田 花子', 'ヤマダ ハナコ', '090-1234-5678', 'hanako.yamada@example.jp', '東京都渋谷区神南1-2-3'),
    subscriptions: [],
  },
  {
    customer: person('10000002', '佐藤 美咲🌸', 'サトウ ミサキ', '080-2345-6789', 'misaki.sato@example.com', '大阪府大阪市北区梅田2-4-9 グランドビル1201'),
    subscriptions: [{ code: 'SUB-SKN-001', status: '有効', orderCount: 4 }],
  },
  {
    customer: person('10000003', 'ＴＡＮＡＫＡ　結衣', 'タナカ ユイ', '070-3456-7890', 'Yui.Tanaka@Example.co.jp', '福岡県福岡市中央区天神1-1-1'),
    subscriptions: [
      { code: 'SUB-HLT-001', status: '有効', orderCount: 12 },
      { code: 'SUB-SKN-002', status: '有効', orderCount: 3 },
      { code: 'SUB-HAR-001', status: '有効', orderCount: 1 },
      { code: 'SUB-HLT-002', status: '停止', orderCount: 6 },
      { code: 'SUB-HLT-003', status: 'キャンセル', orderCount: 2 },
    ],
  },
  {
    customer: person('10000004', '髙橋 健一', 'タカハシ ケンイチ', '090-4567-8901', 'kenichi.takahashi@mail.example.ne.jp', '北海道札幌市中央区北1条西2丁目'),
    subscriptions: [
      { code: 'SUB-HLT-001', status: '停止', orderCount: 5 },
      { code: 'SUB-SKN-001', status: 'キャンセル', orderCount: 1 },
    ],
  },
  {
    customer: person('10000005', '陳 美玲✨😊', 'チン メイリン', '080-5678-9012', 'meiling.chen@example.com', '神奈川県横浜市中区山下町1-2'),
    subscriptions: [{ code: 'SUB-HLT-002', status: '有効', orderCount: 2 }],
  },
  {
    customer: person('10000006', '齋藤 ｻｸﾗ', 'サイトウ サクラ', '03-1234-5678', 'sakura.saito@example.jp', '愛知県名古屋市中村区名駅3-3-3'),
    subscriptions: [],
  },
];

function person(number: string, name: string, kana: string, phone: string, email: string, address: string): Omit<Customer, 'id'> {
  return { number, name, kana, phone, email, postalCode: '150-0041', address, status: '会員' };
}

export interface SeedOptions {
  now: Date;
  /** Customers generated after the named ones, so lists page. */
  extraCustomers?: number;
  seed?: number;
}

/**
 * Fills an empty store with the sandbox's own shop, for the cart's tests and the robot's. The same
 * options always give the same shop. Its customers are people of its own, numbered from 10000001
 * as the cloud's seed numbers its cart customers too, so a cloud with members of its own must not
 * be linked to them: the demo's cart starts without them and takes the cloud's (sandbox/demo/cart-from-cloud.ts).
 */
export function seedStore(store: EcforceStore, options: SeedOptions): void {
  const random = createPrng(options.seed ?? 20_240_501);
  const now = options.now.getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  for (const spec of productSpecs) {
    store.addProduct({ code: spec.code, name: spec.name, kind: spec.kind === 'subscription' ? '定期' : '単品', price: spec.price });
  }
  const product = (code: string): Product => {
    const found = store.productByCode(code);
    if (!found) throw new Error(`seed refers to unknown product ${code}`);
    return found;
  };
  const singles = [...store.products.values()].filter((p) => p.kind === '単品');
  const subscriptionProducts = [...store.products.values()].filter((p) => p.kind === '定期');

  const plans: Array<{ customer: Customer; subscriptions: NamedCustomer['subscriptions'] }> = named.map((entry) => ({
    customer: store.addCustomer(entry.customer),
    subscriptions: entry.subscriptions,
  }));
  for (let n = 0; n < (options.extraCustomers ?? 34); n += 1) {
    const [family, familyKana, familyRoman] = random.pick(familyNames);
    const [given, givenKana, givenRoman] = random.pick(givenNames);
    const customer = store.addCustomer({
      name: `${family} ${given}`,
      kana: `${familyKana} ${givenKana}`,
      phone: `0${random.pick(['90', '80', '70'])}-${random.int(1000, 9999)}-${random.int(1000, 9999)}`,
      email: `${givenRoman.toLowerCase()}.${familyRoman.toLowerCase()}${random.int(1, 999)}@example.jp`,
      postalCode: `${random.int(100, 999)}-${random.int(1000, 9999)}`,
      address: random.pick(['東京都世田谷区三軒茶屋2-11-1', '京都府京都市下京区四条通5-6', '宮城県仙台市青葉区一番町4-7']),
      status: '会員',
    });
    const count = random.chance(0.4) ? 1 : 0;
    const subscriptions = Array.from({ length: count }, () => ({
      code: random.pick(subscriptionProducts).code,
      status: random.pick<SubscriptionStatus>(['有効', '有効', '停止', 'キャンセル']),
      orderCount: random.int(1, 8),
    }));
    plans.push({ customer, subscriptions });
  }

  for (const { customer, subscriptions } of plans) {
    for (const plan of subscriptions) {
      const started = plan.orderCount * 30 + random.int(1, 20);
      const subscription = store.addSubscription({
        customerId: customer.id,
        product: product(plan.code),
        courseName: random.pick(courseNames),
        orderCount: plan.orderCount,
        status: plan.status,
        nextDeliveryOn: at(-random.int(3, 28)).toISOString().slice(0, 10),
        createdAt: at(started),
      });
      // Only the latest few child orders are kept in the sandbox; older ones add nothing.
      for (let k = Math.max(0, plan.orderCount - 2); k < plan.orderCount; k += 1) {
        store.addOrder({
          customerId: customer.id,
          items: [{ product: product(plan.code), quantity: 1 }],
          paymentMethod: random.pick(PAYMENT_METHODS),
          memo: '',
          state: '発送済み',
          subscriptionId: subscription.id,
          createdAt: at(started - k * 30),
          createdBy: null,
        });
      }
    }
  }
  for (let n = 0; n < 40; n += 1) {
    const { customer } = random.pick(plans);
    store.addOrder({
      customerId: customer.id,
      items: [{ product: random.pick(singles), quantity: random.int(1, 2) }],
      paymentMethod: random.pick(PAYMENT_METHODS),
      memo: random.chance(0.2) ? random.pick(['お客様よりお電話あり。配送日変更済み。', 'ギフト包装希望', '同梱物：サンプル追加']) : '',
      state: random.pick(['発送済み', '発送済み', '発送準備中', 'キャンセル'] as const),
      createdAt: at(random.int(1, 400)),
      createdBy: null,
    });
  }
  const lookalikeOwner = store.customerByNumber(SEEDED_CUSTOMERS.threeRunning);
  if (lookalikeOwner) {
    store.addOrder({
      customerId: lookalikeOwner.id,
      items: [{ product: product('SKN-002'), quantity: 1 }],
      paymentMethod: '代金引換',
      memo: `LINEワンタップクロスセル（化粧水）\n${SEEDED_LOOKALIKE_MARKER}`,
      createdAt: at(2),
      createdBy: 'robot@example.jp',
    });
  }
}
