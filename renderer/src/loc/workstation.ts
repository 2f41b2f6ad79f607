/**
 * A workstation as staff know it: the robot's holder is the workstation's name followed by `#`
 * and an id the cloud tells workstations of the same name apart by (pc-a#1a2b3c4d → pc-a).
 */
export function workstationName(holder: string | null | undefined): string {
  if (!holder) return '';
  const hash = holder.lastIndexOf('#');
  return hash > 0 ? holder.slice(0, hash) : holder;
}
