import { ApiCallError } from '../api/client';
import { issueIn } from '../components/field-issue';

export const issue = issueIn('crosssell.errors');

interface CoreIssue {
  path: string;
  message: string;
  params?: { code?: string } & Record<string, unknown>;
}

export interface FieldIssue {
  /** A form field name; a list's item index is dropped where the form shows one message for the list. */
  field: string;
  message: string;
}

const listFields = ['tagsAdd', 'tagsRemove'];

/**
 * The core's validation details, as messages on the fields they concern. The replica's rules
 * carry a code and are worded from the catalog; a shape rule the screen already checks (it can
 * only arrive here if the two disagree) keeps the core's own words, which are Japanese.
 */
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiCallError) || error.kind !== 'invalid_argument' || !Array.isArray(error.details)) return [];
  return (error.details as CoreIssue[]).map((detail) => {
    const [head, ...rest] = detail.path.split('.');
    const field = head === 'cartLogin' && rest.length === 0 ? 'cartLoginRef' : listFields.includes(head!) ? head! : detail.path;
    return { field: field || 'root', message: messageOf(detail) };
  });
}

function messageOf({ path, message, params }: CoreIssue): string {
  switch (params?.code) {
    case 'unknownProductCode':
      return issue('unknownProductCode', { productCode: params.productCode });
    case 'productNameMismatch':
      return issue('productNameMismatch', { productCode: params.productCode, masterName: params.masterName });
    case 'unknownTag':
      return issue('unknownTag', { tagId: params.tagId });
    case 'duplicateName':
      return issue('duplicateName', { name: params.name });
    case 'messageTooLong':
      return issue('messageTooLong', { units: params.units, max: params.max });
    case 'messageTooLongRendered':
      return issue('messageTooLongRendered', { units: params.units, max: params.max });
  }
  if (path === 'cartLoginRef') return issue('loginNotFound');
  return issue('core', { text: message });
}
