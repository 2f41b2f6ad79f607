import { html } from '../html';
import { shippingFeeFor, type CustomerSearchField } from '../store';
import { customerSearchPage } from '../views/customer-search';
import { notFoundPage } from '../views/errors';
import { adminLayout } from '../views/layout';
import { orderConfirmPage } from '../views/order-confirm';
import { blankOrderForm, orderFormPage } from '../views/order-form';
import { readOrderInput } from './order-input';
import { page, redirect, signedInAccount, type Route } from './route';

const SUBSCRIPTION_COURSE = '毎月お届けコース';

/** 受注管理 > 受注作成: choose the customer, fill the order screen, confirm, 確定. */
export const orderCreateRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/admin\/orders\/new$/,
    signedIn: true,
    permission: '受注作成',
    handle(req) {
      const type = req.query.get('customer_type');
      const fieldParam = req.query.get('q[field]');
      const field: CustomerSearchField = fieldParam === 'id' || fieldParam === 'email' ? fieldParam : 'number';
      const keyword = req.query.get('q[keyword]');
      return page(
        customerSearchPage(req.page(), {
          mode: type === 'existing' ? 'existing' : type === 'new' ? 'new' : 'choose',
          field,
          keyword: keyword ?? '',
          results: type === 'existing' && keyword !== null ? req.state.store.searchCustomers(field, keyword) : null,
        }),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/admin\/orders\/csv_import$/,
    signedIn: true,
    permission: '受注作成',
    handle(req) {
      const ctx = req.page();
      return page(
        adminLayout(
          ctx,
          { title: 'CSV一括作成', heading: 'CSV一括作成', breadcrumb: ['受注管理', '受注作成', 'CSV一括作成'], bodyClass: 'orders csv' },
          html`<div class="${ctx.skin.cls.box}"><p>CSVファイルから受注を一括作成します。（この環境ではアップロードできません）</p>
<label>CSVファイル <input type="file" accept=".csv" disabled></label></div>`,
        ),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/admin\/orders\/new\/form$/,
    signedIn: true,
    permission: '受注作成',
    handle(req) {
      const { store } = req.state;
      const customer = store.customers.get(Number(req.query.get('customer_id')));
      if (!customer) return page(notFoundPage(req.page()), 404);
      const productSearch = req.query.get('product_search');
      const selected = store.products.get(Number(req.query.get('product_id'))) ?? null;
      return page(
        orderFormPage(req.page(), {
          customer,
          productSearch: productSearch ?? '',
          searchResults: productSearch === null ? null : store.searchProducts(productSearch),
          selected,
          values: blankOrderForm,
          errors: [],
        }),
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/admin\/orders\/confirm$/,
    signedIn: true,
    permission: '受注作成',
    handle(req) {
      const input = readOrderInput(req);
      if (!input.ok) {
        if (!input.customer) return page(notFoundPage(req.page()), 404);
        return page(
          orderFormPage(req.page(), {
            customer: input.customer,
            productSearch: '',
            searchResults: null,
            selected: input.product ?? null,
            values: input.values,
            errors: input.errors,
          }),
          422,
        );
      }
      const subtotal = input.product.price * input.quantity;
      return page(
        orderConfirmPage(req.page(), {
          customer: input.customer,
          product: input.product,
          values: input.values,
          quantity: input.quantity,
          subtotal,
          shippingFee: shippingFeeFor(subtotal),
        }),
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/admin\/orders$/,
    signedIn: true,
    permission: '受注作成',
    handle(req) {
      const input = readOrderInput(req);
      if (!input.ok) {
        req.flash('alert', `受注を登録できませんでした。${input.errors.join(' ')}`);
        return redirect(input.customer ? `/admin/orders/new/form?customer_id=${input.customer.id}` : '/admin/orders/new');
      }
      const { store } = req.state;
      const subscription =
        input.product.kind === '定期'
          ? store.addSubscription({
              customerId: input.customer.id,
              product: input.product,
              quantity: input.quantity,
              courseName: SUBSCRIPTION_COURSE,
              orderCount: 1,
              status: '有効',
              nextDeliveryOn: new Date(req.now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
              createdAt: req.now,
            })
          : null;
      const order = store.addOrder({
        customerId: input.customer.id,
        items: [{ product: input.product, quantity: input.quantity }],
        paymentMethod: input.paymentMethod,
        deliveryDate: input.values.deliveryDate || null,
        deliveryTime: input.values.deliveryTime,
        memo: input.values.memo,
        subscriptionId: subscription?.id ?? null,
        createdAt: req.now,
        createdBy: signedInAccount(req).email,
      });
      req.mutated();
      req.flash('notice', `受注を登録しました。（受注番号: ${order.number}）`);
      return redirect(`/admin/orders/${order.id}/edit`);
    },
  },
];
