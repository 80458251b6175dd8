/**
 * The signed-in staff member: session token, profile and decrypted key pair, in React state
 * and nowhere else. Nothing is written to storage, so closing or reloading the tab ends the
 * session in this browser (and tells the server, best effort). The server ends a session
 * after `idleTimeoutSeconds` without a request; this ends it here a little earlier, so the
 * private key never outlives the server's session in memory.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CSRF_HEADER, type KeyBundle, type SessionInfo, type StaffProfile, type StaffRole } from '../../../shared/api/staff.schema';
import type { X25519Keypair } from '../../../shared/crypto/index';
import { createStaffClient, STAFF_API, type StaffClient } from './api/staff-client';
import { logout, logoutEverywhere } from './api/staff-endpoints';

export interface Unlocked {
  session: SessionInfo;
  me: StaffProfile;
  publicKey: string;
  keypair: X25519Keypair;
  keyBundle: KeyBundle;
}

export type EndReason = 'signed_out' | 'idle' | 'expired';

interface StaffSessionValue {
  current: Unlocked | null;
  ended: EndReason | null;
  client: StaffClient;
  signIn(unlocked: Unlocked): void;
  signOut(everywhere?: boolean): Promise<void>;
  update(patch: Partial<Pick<Unlocked, 'me' | 'keyBundle'>>): void;
  has(role: StaffRole): boolean;
}

const SessionContext = createContext<StaffSessionValue | null>(null);

/** end a little before the server does, so no request races the server's idle timeout */
const IDLE_MARGIN_MS = 15_000;
const CHECK_EVERY_MS = 5_000;

export function StaffSessionProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Unlocked | null>(null);
  const [ended, setEnded] = useState<EndReason | null>(null);
  const held = useRef<Unlocked | null>(null);
  const lastSeen = useRef(0);

  const end = useCallback((reason: EndReason) => {
    held.current?.keypair.secretKey.fill(0);
    held.current = null;
    setCurrent(null);
    setEnded(reason);
  }, []);

  const client = useMemo(
    () =>
      createStaffClient({
        token: () => held.current?.session.token ?? null,
        seen: () => {
          lastSeen.current = Date.now();
        },
        lost: () => end('expired'),
      }),
    [end],
  );

  const signIn = useCallback((unlocked: Unlocked) => {
    held.current = unlocked;
    lastSeen.current = Date.now();
    setCurrent(unlocked);
    setEnded(null);
  }, []);

  const signOut = useCallback(
    async (everywhere = false) => {
      try {
        await (everywhere ? logoutEverywhere(client) : logout(client));
      } finally {
        end('signed_out');
      }
    },
    [client, end],
  );

  const update = useCallback((patch: Partial<Pick<Unlocked, 'me' | 'keyBundle'>>) => {
    if (!held.current) return;
    held.current = { ...held.current, ...patch };
    setCurrent(held.current);
  }, []);

  useEffect(() => {
    if (!current) return undefined;
    const timer = setInterval(() => {
      const now = Date.now();
      const idle = now - lastSeen.current >= current.session.idleTimeoutSeconds * 1000 - IDLE_MARGIN_MS;
      if (idle || now >= Date.parse(current.session.expiresAt)) end('idle');
    }, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [current, end]);

  // Leaving or reloading the page loses the key; the server should not keep the session either.
  useEffect(() => {
    const onHide = (event: PageTransitionEvent) => {
      const token = held.current?.session.token;
      if (!token || event.persisted) return;
      void fetch(`${STAFF_API}/auth/logout`, {
        method: 'POST',
        keepalive: true,
        credentials: 'omit',
        headers: { Authorization: `Bearer ${token}`, [CSRF_HEADER]: '1', 'Content-Type': 'application/json' },
        body: '{}',
      }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  const has = useCallback((role: StaffRole) => current?.me.roles.includes(role) ?? false, [current]);
  const value = useMemo(() => ({ current, ended, client, signIn, signOut, update, has }), [current, ended, client, signIn, signOut, update, has]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useStaffSession(): StaffSessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useStaffSession outside StaffSessionProvider');
  return value;
}

/** For pages that render only when signed in (the staff app guards them). */
export function useUnlocked(): Unlocked & { client: StaffClient } {
  const { current, client } = useStaffSession();
  if (!current) throw new Error('useUnlocked without a session');
  return { ...current, client };
}
