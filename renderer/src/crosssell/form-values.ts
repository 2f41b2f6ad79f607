import { z } from 'zod';
import type { CrosssellConfig, MemoField } from '../../../electron/core/api/types';
import type { ArgsOf } from '../api/client';
import { issue } from './field-errors';

/**
 * The editor's form model and its rules. The rules repeat the core's input rules
 * (electron/core/crosssell/config-input.ts) so mistakes show while typing; the core checks again
 * on save and alone knows the replica's facts (product master, tags, vault) and the placeholders
 * (checked through crosssell.preview). Messages are catalog keys (see field-errors.ts), turned into
 * words where they are shown.
 */

export const memoFields = ['order_memo', 'subscription_memo'] as const satisfies readonly MemoField[];
export const productKinds = ['single', 'subscription'] as const;

export type LoginMode = 'saved' | 'new';

export interface FormValues {
  name: string;
  cart: 'ecforce';
  loginMode: LoginMode;
  cartLoginRef: string;
  cartLogin: { baseUrl: string; email: string; password: string };
  productName: string;
  productCode: string;
  kind: (typeof productKinds)[number];
  memoWrites: Array<{ field: MemoField; text: string }>;
  /** Checkbox values arrive as strings; ids are numbers again in toSaveArgs. */
  tagsAdd: string[];
  tagsRemove: string[];
  messageTemplate: string;
  stopRunningSubscriptions: 'no' | 'yes';
  /** Hours as typed; empty means the default window. */
  repeatWindowHours: string;
  completionStatus: CompletionStatus;
}

export type CompletionStatus = CrosssellConfig['completionStatus'];
/** What the robot finishes a request with unless the config says otherwise (the core's default too). */
export const DEFAULT_COMPLETION_STATUS: CompletionStatus = 'クロスセル受付';
/** LINE's limit on a text message, in UTF-16 code units, which is what a JavaScript string's length counts. */
export const MESSAGE_MAX_UNITS = 5000;

/** A repeat tap within this many hours after the first was done is not ordered again, unless a config says otherwise. */
export const DEFAULT_REPEAT_WINDOW_HOURS = 24;
export const MAX_REPEAT_WINDOW_HOURS = 720;

/** Hours typed with a Japanese keyboard come as full-width digits; they are the same number. */
const halfWidth = (text: string) => text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** The window as the core takes it: null for the default, else the whole hours typed (NaN when they are not a number). */
export function repeatWindowOf(text: string): number | null {
  const hours = halfWidth(text);
  if (hours === '') return null;
  return /^\d+$/.test(hours) ? Number(hours) : Number.NaN;
}

export type SaveArgs = ArgsOf<'crosssell.save'>;

export const blankValues: FormValues = {
  name: '',
  cart: 'ecforce',
  loginMode: 'saved',
  cartLoginRef: '',
  cartLogin: { baseUrl: '', email: '', password: '' },
  productName: '',
  productCode: '',
  kind: 'single',
  memoWrites: [],
  tagsAdd: [],
  tagsRemove: [],
  messageTemplate: '',
  stopRunningSubscriptions: 'no',
  repeatWindowHours: '',
  completionStatus: DEFAULT_COMPLETION_STATUS,
};

export function valuesOf(config: CrosssellConfig): FormValues {
  return {
    ...blankValues,
    name: config.name,
    cartLoginRef: config.cartLoginRef ?? '',
    loginMode: config.cartLoginRef ? 'saved' : 'new',
    productName: config.productName,
    productCode: config.productCode,
    kind: config.kind,
    // A field the screen does not know (written by an older tool) is kept as the cloud holds it.
    memoWrites: config.memoWrites.map((m) => ({ field: m.field as MemoField, text: m.text })),
    tagsAdd: config.tagsAdd.map(String),
    tagsRemove: config.tagsRemove.map(String),
    messageTemplate: config.messageTemplate,
    stopRunningSubscriptions: config.stopRunningSubscriptions ? 'yes' : 'no',
    repeatWindowHours: config.repeatWindowHours === null ? '' : String(config.repeatWindowHours),
    completionStatus: config.completionStatus,
  };
}

export function toSaveArgs(values: FormValues, id: number | undefined): SaveArgs {
  const login =
    values.loginMode === 'saved'
      ? { cartLoginRef: values.cartLoginRef.trim() }
      : { cartLogin: { baseUrl: values.cartLogin.baseUrl.trim(), email: values.cartLogin.email.trim(), password: values.cartLogin.password } };
  return {
    ...(id === undefined ? {} : { id }),
    name: values.name,
    cart: values.cart,
    ...login,
    productName: values.productName,
    productCode: values.productCode,
    kind: values.kind,
    memoWrites: values.memoWrites,
    tagsAdd: values.tagsAdd.map(Number),
    tagsRemove: values.tagsRemove.map(Number),
    messageTemplate: values.messageTemplate,
    stopRunningSubscriptions: values.stopRunningSubscriptions === 'yes',
    repeatWindowHours: repeatWindowOf(values.repeatWindowHours),
    completionStatus: values.completionStatus,
  };
}

const required = (max: number, missing: string, tooLong: string) => z.string().trim().min(1, issue(missing)).max(max, issue(tooLong));

const loginRefPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const formSchema = z
  .object({
    name: required(100, 'nameRequired', 'nameTooLong'),
    cart: z.literal('ecforce'),
    loginMode: z.enum(['saved', 'new']),
    cartLoginRef: z.string(),
    cartLogin: z.object({ baseUrl: z.string(), email: z.string(), password: z.string() }),
    productName: required(255, 'productNameRequired', 'productNameTooLong'),
    productCode: required(100, 'productCodeRequired', 'productCodeTooLong'),
    kind: z.enum(productKinds),
    memoWrites: z
      .array(z.object({ field: z.enum(memoFields), text: z.string().max(1000, issue('memoTextTooLong')).refine((t) => t.trim() !== '', issue('memoTextRequired')) }))
      .max(20, issue('memoTooMany')),
    tagsAdd: z.array(z.string()),
    tagsRemove: z.array(z.string()),
    messageTemplate: z.string().superRefine((text, ctx) => {
      if (text.length > MESSAGE_MAX_UNITS) ctx.addIssue({ code: 'custom', message: issue('messageTooLong', { units: text.length, max: MESSAGE_MAX_UNITS }) });
    }),
    stopRunningSubscriptions: z.enum(['no', 'yes']),
    repeatWindowHours: z.string().refine((text) => {
      const hours = repeatWindowOf(text);
      return hours === null || (Number.isInteger(hours) && hours <= MAX_REPEAT_WINDOW_HOURS);
    }, issue('repeatWindow')),
    completionStatus: z.enum(['対応完了', 'クロスセル受付', '受付断念', '対応不可'] satisfies CompletionStatus[]),
  })
  .superRefine((values, ctx) => {
    if (values.loginMode === 'saved') {
      const ref = values.cartLoginRef.trim();
      if (ref === '') ctx.addIssue({ code: 'custom', path: ['cartLoginRef'], message: issue('loginRequired') });
      else if (!loginRefPattern.test(ref)) ctx.addIssue({ code: 'custom', path: ['cartLoginRef'], message: issue('loginRef') });
      return;
    }
    const { baseUrl, email, password } = values.cartLogin;
    if (!/^https?:\/\/[^\s/]+/.test(baseUrl.trim())) ctx.addIssue({ code: 'custom', path: ['cartLogin', 'baseUrl'], message: issue('baseUrl') });
    if (!z.email().safeParse(email.trim()).success) ctx.addIssue({ code: 'custom', path: ['cartLogin', 'email'], message: issue('email') });
    if (password === '') ctx.addIssue({ code: 'custom', path: ['cartLogin', 'password'], message: issue('password') });
  })
  .superRefine((values, ctx) => {
    if (values.tagsAdd.some((id) => values.tagsRemove.includes(id))) {
      ctx.addIssue({ code: 'custom', path: ['tagsRemove'], message: issue('tagsBoth') });
    }
  });
