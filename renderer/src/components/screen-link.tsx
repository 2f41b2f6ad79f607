import { createContext, useContext } from 'react';

/** Moves the app to another screen with something opened there, as a link between screens would. */
export interface ScreenLinks {
  openMember(memberId: number): void;
  openRequest(requestId: number): void;
}

const ScreenLinkContext = createContext<ScreenLinks | null>(null);
export const ScreenLinkProvider = ScreenLinkContext.Provider;

export function useScreenLinks(): ScreenLinks | null {
  return useContext(ScreenLinkContext);
}
