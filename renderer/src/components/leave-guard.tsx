import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

/** Says why leaving the current screen would lose something, or null when nothing would be lost. */
export type LeaveCheck = () => string | null;

interface LeaveGuards {
  register(check: LeaveCheck): () => void;
  /** True when nothing would be lost or staff agreed to lose it. */
  mayLeave(): boolean;
}

const LeaveGuardContext = createContext<LeaveGuards | null>(null);

/**
 * One place that knows whether a screen holds unsaved work: the navigation asks before
 * switching screens, and the page asks the browser (or Electron) before it is closed or reloaded.
 */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const checks = useRef(new Set<LeaveCheck>());
  const guards = useRef<LeaveGuards>({
    register(check) {
      checks.current.add(check);
      return () => checks.current.delete(check);
    },
    mayLeave() {
      for (const check of checks.current) {
        const reason = check();
        if (reason !== null && !window.confirm(reason)) return false;
      }
      return true;
    },
  });

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if ([...checks.current].some((check) => check() !== null)) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  return <LeaveGuardContext.Provider value={guards.current}>{children}</LeaveGuardContext.Provider>;
}

/** Registers a check for as long as the calling component is on screen. */
export function useLeaveGuard(check: LeaveCheck): void {
  const guards = useContext(LeaveGuardContext);
  const latest = useRef(check);
  useEffect(() => {
    latest.current = check;
  });
  useEffect(() => guards?.register(() => latest.current()), [guards]);
}

export function useMayLeave(): () => boolean {
  const guards = useContext(LeaveGuardContext);
  return () => guards?.mayLeave() ?? true;
}
