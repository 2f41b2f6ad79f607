import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResultOf } from '../api/client';
import { useApi, useCoreEvent } from '../api/context';

export type StaffMember = ResultOf<'staff.list'>[number];

const key = ['staff.list'] as const;

/** The shop's staff list; another window's change arrives as staff.changed. */
export function useStaffList() {
  const api = useApi();
  const queryClient = useQueryClient();
  useCoreEvent('staff.changed', () => void queryClient.invalidateQueries({ queryKey: key }));
  return useQuery({ queryKey: key, queryFn: () => api.call('staff.list', {}) });
}

export function useAddStaff() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.call('staff.add', { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRemoveStaff() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: StaffMember) => api.call('staff.remove', { id: member.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
