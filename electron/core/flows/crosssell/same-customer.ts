import type { CartCustomerRef } from '../../../../automation/cart-driver';
import { businessError, messages, type Said } from '../../../../automation/ecforce/errors';

/** The member the robot works for, as the replica knows them. */
export interface MemberIdentity {
  name: string | null;
  displayName: string;
  phone: string | null;
}

/**
 * A phone number reduced to its digits in the domestic form, so 「+81 90-2222-3333」,
 * 「０９０２２２２３３３３」 and 「(090) 2222-3333」 are one number, as the cloud links cart
 * customers to members by phone (seed 002). Null when nothing like a number is there.
 */
export function normalizedPhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const compact = raw.normalize('NFKC').replace(/[^\d+]/g, '');
  const international = /^(?:\+|00)81(\d+)$/.exec(compact);
  const digits = international ? `0${international[1]!.replace(/^0/, '')}` : compact.replace(/\+/g, '');
  return digits.length > 0 ? digits : null;
}

/** Names compared as people read them: width folded, spaces (half or full width) and case ignored. */
function normalizedName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/**
 * Whether the cart's customer is the member the robot orders for. The phone decides, as it
 * decided the link: a different or missing phone on either side refuses the order, naming both
 * sides. A different name with the same phone is said in the result but does not stop the order
 * (a maiden name, a nickname, a typo at the cart).
 */
export function checkSameCustomer(cart: CartCustomerRef, member: MemberIdentity): { warning: Said | null } {
  const cartPhone = normalizedPhone(cart.phone);
  const memberPhone = normalizedPhone(member.phone);
  const memberName = member.name ?? member.displayName;
  if (cartPhone === null || memberPhone === null || cartPhone !== memberPhone) {
    const missing = messages.phoneMissing;
    throw businessError('customer_mismatch', messages.customerPhoneMismatch(cart.name, cart.phone || missing, memberName, member.phone || missing));
  }
  if (member.name && normalizedName(member.name) !== normalizedName(cart.name)) {
    return { warning: messages.customerNameDiffers(cart.name, member.name) };
  }
  return { warning: null };
}
