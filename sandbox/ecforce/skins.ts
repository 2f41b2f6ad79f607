import type { LayoutVariant } from './faults';

/**
 * The two sets of templates. 'standard' is the admin as the robot was written against;
 * 'variant' is the same site after a redesign: the menu moves to the top, headings change
 * element, ids, classes and many labels are renamed and buttons change order. Headings keep
 * their words, so a careful robot gets as far as the first renamed control and stops there.
 */
export interface Skin {
  variant: boolean;
  ids: {
    loginForm: string;
    loginEmail: string;
    loginPassword: string;
    customerSearchField: string;
    customerSearchKeyword: string;
    productSearch: string;
    quantity: string;
    payment: string;
    deliveryDate: string;
    deliveryTime: string;
    orderMemo: string;
    orderState: string;
    subscriptionMemo: string;
  };
  cls: {
    flashNotice: string;
    flashAlert: string;
    primaryButton: string;
    button: string;
    table: string;
    box: string;
  };
  text: {
    customerSearchField: string;
    customerSearchKeyword: string;
    customerSearchButton: string;
    toOrderForm: string;
    orderFormTitle: string;
    productSearch: string;
    productSearchButton: string;
    chooseProduct: string;
    quantity: string;
    payment: string;
    orderMemo: string;
    toConfirm: string;
    confirmTitle: string;
    confirmButton: string;
    backToForm: string;
    orderNumber: string;
    customerNumber: string;
    orderMemoSearch: string;
    searchButton: string;
    editLink: string;
    basicTab: string;
    updateButton: string;
    subscriptionNumber: string;
    status: string;
    suspendButton: string;
    cancelButton: string;
    resumeButton: string;
    subscriptionMemo: string;
  };
}

const standard: Skin = {
  variant: false,
  ids: {
    loginForm: 'new_admin',
    loginEmail: 'admin_email',
    loginPassword: 'admin_password',
    customerSearchField: 'customer_search_field',
    customerSearchKeyword: 'customer_search_keyword',
    productSearch: 'product_search',
    quantity: 'order_quantity',
    payment: 'order_payment_method',
    deliveryDate: 'order_delivery_date',
    deliveryTime: 'order_delivery_time',
    orderMemo: 'order_memo',
    orderState: 'order_state',
    subscriptionMemo: 'subs_order_memo',
  },
  cls: {
    flashNotice: 'alert alert-success',
    flashAlert: 'alert alert-danger',
    primaryButton: 'btn btn-primary',
    button: 'btn btn-default',
    table: 'table table-bordered table-striped',
    box: 'box box-primary',
  },
  text: {
    customerSearchField: '検索項目',
    customerSearchKeyword: 'キーワード',
    customerSearchButton: '検索',
    toOrderForm: '注文画面へ',
    orderFormTitle: '注文内容入力',
    productSearch: '商品検索（商品コード・商品名）',
    productSearchButton: '商品を検索',
    chooseProduct: '選択',
    quantity: '数量',
    payment: '決済方法',
    orderMemo: '受注備考欄',
    toConfirm: '確認画面へ',
    confirmTitle: '注文内容確認',
    confirmButton: '確定する',
    backToForm: '修正する',
    orderNumber: '受注番号',
    customerNumber: '顧客番号',
    orderMemoSearch: '受注備考',
    searchButton: '検索',
    editLink: '詳細/編集',
    basicTab: '基本設定',
    updateButton: '更新する',
    subscriptionNumber: '定期受注番号',
    status: 'ステータス',
    suspendButton: '停止する',
    cancelButton: 'キャンセルする',
    resumeButton: '再開する',
    subscriptionMemo: '定期受注備考欄',
  },
};

const variant: Skin = {
  variant: true,
  ids: {
    loginForm: 'login-form',
    loginEmail: 'login_mail',
    loginPassword: 'login_pass',
    customerSearchField: 'cs-key',
    customerSearchKeyword: 'cs-word',
    productSearch: 'item-search',
    quantity: 'item-qty',
    payment: 'pay-type',
    deliveryDate: 'ship-date',
    deliveryTime: 'ship-time',
    orderMemo: 'memo_field',
    orderState: 'status_field',
    subscriptionMemo: 'subs-memo',
  },
  cls: {
    flashNotice: 'c-flash c-flash--ok',
    flashAlert: 'c-flash c-flash--ng',
    primaryButton: 'c-btn c-btn--main',
    button: 'c-btn',
    table: 'c-table',
    box: 'c-card',
  },
  text: {
    customerSearchField: '検索条件',
    customerSearchKeyword: '検索ワード',
    customerSearchButton: 'この条件で検索',
    toOrderForm: '注文画面へ',
    orderFormTitle: 'ご注文内容の入力',
    productSearch: '品番・品名で探す',
    productSearchButton: '探す',
    chooseProduct: 'この商品にする',
    quantity: '個数',
    payment: 'お支払い方法',
    orderMemo: '社内メモ',
    toConfirm: '入力内容を確認',
    confirmTitle: 'ご注文内容の確認',
    confirmButton: '注文を確定',
    backToForm: '戻って修正',
    orderNumber: '受注No.',
    customerNumber: '会員番号',
    orderMemoSearch: '備考キーワード',
    searchButton: '絞り込む',
    editLink: '編集',
    basicTab: '基本情報',
    updateButton: '保存する',
    subscriptionNumber: '定期No.',
    status: '状態',
    suspendButton: '一時停止',
    cancelButton: '解約する',
    resumeButton: '再開',
    subscriptionMemo: '定期メモ',
  },
};

export function skinFor(layout: LayoutVariant): Skin {
  return layout === 'variant' ? variant : standard;
}
