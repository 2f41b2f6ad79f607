/** The words a Japanese D2C shop's data is made of; the seed generator draws from these. */

export const familyNames: ReadonlyArray<readonly [string, string, string]> = [
  ['佐藤', 'サトウ', 'Sato'],
  ['鈴木', 'スズキ', 'Suzuki'],
  ['高橋', 'タカハシ', 'Takahashi'],
  ['田中', 'タナカ', 'Tanaka'],
  ['伊藤', 'イトウ', 'Ito'],
  ['渡辺', 'ワタナベ', 'Watanabe'],
  ['山本', 'ヤマモト', 'Yamamoto'],
  ['中村', 'ナカムラ', 'Nakamura'],
  ['小林', 'コバヤシ', 'Kobayashi'],
  ['加藤', 'カトウ', 'Kato'],
  ['吉田', 'ヨシダ', 'Yoshida'],
  ['山田', 'ヤマダ', 'Yamada'],
  ['佐々木', 'ササキ', 'Sasaki'],
  ['山口', 'ヤマグチ', 'Yamaguchi'],
  ['松本', 'マツモト', 'Matsumoto'],
  ['井上', 'イノウエ', 'Inoue'],
  ['木村', 'キムラ', 'Kimura'],
  ['林', 'ハヤシ', 'Hayashi'],
  ['斎藤', 'サイトウ', 'Saito'],
  ['清水', 'シミズ', 'Shimizu'],
  ['髙橋', 'タカハシ', 'Takahashi'],
  ['齋藤', 'サイトウ', 'Saito'],
  ['陳', 'チン', 'Chen'],
  ['林田', 'ハヤシダ', 'Hayashida'],
];

export const givenNames: ReadonlyArray<readonly [string, string, string]> = [
  ['陽菜', 'ヒナ', 'Hina'],
  ['結衣', 'ユイ', 'Yui'],
  ['美咲', 'ミサキ', 'Misaki'],
  ['さくら', 'サクラ', 'Sakura'],
  ['葵', 'アオイ', 'Aoi'],
  ['花子', 'ハナコ', 'Hanako'],
  ['由美子', 'ユミコ', 'Yumiko'],
  ['恵子', 'ケイコ', 'Keiko'],
  ['翔太', 'ショウタ', 'Shota'],
  ['大翔', 'ヒロト', 'Hiroto'],
  ['健一', 'ケンイチ', 'Kenichi'],
  ['誠', 'マコト', 'Makoto'],
  ['直子', 'ナオコ', 'Naoko'],
  ['真由美', 'マユミ', 'Mayumi'],
  ['優子', 'ユウコ', 'Yuko'],
  ['愛', 'アイ', 'Ai'],
  ['蓮', 'レン', 'Ren'],
  ['芽依', 'メイ', 'Mei'],
  ['志保', 'シホ', 'Shiho'],
  ['雅美', 'マサミ', 'Masami'],
];

/** LINE display names are whatever people chose: emoji, full-width letters, nicknames. */
export const displayDecorations = ['🌸', '✨', '🍀', '😊', '🐈', '☕', '💄', '🌙', '👶', '🎀'] as const;

export const operators = ['田中 由紀', '山本 健', '佐藤 麻衣', 'Lin Mei-Hua'] as const;

export const emailDomains = ['example.jp', 'example.com', 'mail.example.ne.jp', 'Example.co.jp'] as const;

export interface ProductSpec {
  code: string;
  name: string;
  kind: 'single' | 'subscription';
  price: number;
}

export const productSpecs: readonly ProductSpec[] = [
  { code: 'SKN-001', name: '薬用美白美容液 30mL', kind: 'single', price: 4980 },
  { code: 'SKN-002', name: '保湿化粧水 150mL', kind: 'single', price: 3280 },
  { code: 'SKN-003', name: 'ＵＶカットミルク SPF50+', kind: 'single', price: 2980 },
  { code: 'SKN-004', name: 'クレンジングバーム 90g', kind: 'single', price: 3680 },
  { code: 'SKN-005', name: '炭酸泡洗顔 150g', kind: 'single', price: 2480 },
  { code: 'HLT-001', name: '青汁 30包', kind: 'single', price: 3980 },
  { code: 'HLT-002', name: '乳酸菌サプリ 60粒', kind: 'single', price: 2980 },
  { code: 'HLT-003', name: 'プロテイン ココア味 1kg', kind: 'single', price: 5480 },
  { code: 'HLT-004', name: 'コラーゲンドリンク 10本', kind: 'single', price: 3240 },
  { code: 'HAR-001', name: 'アミノ酸シャンプー 400mL', kind: 'single', price: 2750 },
  { code: 'HAR-002', name: 'ヘアトリートメント 400g', kind: 'single', price: 2750 },
  { code: 'GFT-001', name: 'ギフトセット（桜）🌸', kind: 'single', price: 8800 },
  { code: 'SMP-001', name: 'お試しサンプル 7日分', kind: 'single', price: 500 },
  { code: 'SUB-SKN-001', name: '【定期】薬用美白美容液 30mL', kind: 'subscription', price: 3980 },
  { code: 'SUB-SKN-002', name: '【定期】保湿化粧水 150mL', kind: 'subscription', price: 2680 },
  { code: 'SUB-HLT-001', name: '【定期】青汁 30包', kind: 'subscription', price: 3180 },
  { code: 'SUB-HLT-002', name: '【定期】乳酸菌サプリ 60粒', kind: 'subscription', price: 2380 },
  { code: 'SUB-HLT-003', name: '【定期】プロテイン ココア味 1kg', kind: 'subscription', price: 4780 },
  { code: 'SUB-HAR-001', name: '【定期】アミノ酸シャンプー 400mL', kind: 'subscription', price: 2200 },
];

export const courseNames = ['毎月お届けコース', '2ヶ月ごとお届けコース', '初回半額コース', '3ヶ月ごとまとめ買いコース'] as const;

export const orderStatuses = ['shipped', 'shipped', 'shipped', 'delivered', 'delivered', 'accepted', 'cancelled'] as const;

export const tagSpecs: ReadonlyArray<readonly [string, string | null]> = [
  ['VIP', '顧客ランク'],
  ['ゴールド会員', '顧客ランク'],
  ['シルバー会員', '顧客ランク'],
  ['新規', '顧客ランク'],
  ['定期継続3回以上', '定期'],
  ['定期継続12回以上', '定期'],
  ['定期停止中', '定期'],
  ['定期解約', '定期'],
  ['美容液購入', '購入商品'],
  ['青汁購入', '購入商品'],
  ['サプリ購入', '購入商品'],
  ['シャンプー購入', '購入商品'],
  ['クロスセル受付済', 'LOC'],
  ['クロスセル案内済', 'LOC'],
  ['解約希望', 'LOC'],
  ['休眠3ヶ月', '休眠'],
  ['休眠6ヶ月', '休眠'],
  ['カート連携済', null],
  ['アンケート回答済 📝', 'キャンペーン'],
  ['春キャンペーン2025 🌸', 'キャンペーン'],
  ['ブラックフライデー', 'キャンペーン'],
  ['クーポン利用', 'キャンペーン'],
  ['要注意', null],
  ['Ｗｅｂ限定', null],
];
