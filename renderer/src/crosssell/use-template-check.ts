import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';

export type TemplateCheck = ResultOf<'crosssell.preview'>;

const SETTLE_MS = 150;

/**
 * The texts filled with sample values and their unknown placeholders, as the core's template
 * module sees them. Asked once typing pauses; the last answer stays on screen meanwhile.
 */
export function useTemplateCheck(texts: string[], sample: { customerName: string; productName: string }): TemplateCheck | undefined {
  const api = useApi();
  const args = { texts, ...sample };
  const settled = useSettled(JSON.stringify(args));
  const query = useQuery({
    queryKey: ['crosssell.preview', settled],
    queryFn: () => api.call('crosssell.preview', JSON.parse(settled) as typeof args),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  return query.data;
}

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}
