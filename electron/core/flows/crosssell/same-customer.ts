import type { CartCustomerRef } from '../../../../automation/cart-driver';
import { businessError, messages, type Said } from '../../../../automation/ecforce/errors';
import { normalizePhone } from '../../members/phone-number';

/** The member the robot works for, as the replica knows them. */
export interface MemberIdentity {
  name: string | null;
  displayName: string;
  phone: string | null;
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
  const cartPhone = normalizePhone(cart.phone);
  const memberPhone = normalizePhone(member.phone);
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
