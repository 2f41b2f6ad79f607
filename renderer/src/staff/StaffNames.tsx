import { useStaffList } from './use-staff-list';

/**
 * The staff list as suggestions for a name field: a clerk picks a name from it, and can still type
 * one that is not on it (a helper for the day, a name the shop has not added yet).
 */
export function StaffNames({ id }: { id: string }) {
  const staff = useStaffList();
  return (
    <datalist id={id}>
      {(staff.data ?? []).map((member) => (
        <option key={member.id} value={member.name} />
      ))}
    </datalist>
  );
}
