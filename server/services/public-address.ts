/**
 * Where people open Amana, and so which origins staff requests may come from.
 *
 * - PUBLIC_URL set (required behind a reverse proxy): that origin, and ONION_URL's. Nothing
 *   else, whatever the Host header says: trusting Host would let a DNS-rebinding page on
 *   another site pass as Amana.
 * - PUBLIC_URL unset (a first run on one's own machine): the address Amana listens on, known
 *   once it listens (so PORT=0 works), and when it listens on a loopback or every interface,
 *   the loopback names of that port: http://localhost:P, http://127.0.0.1:P, http://[::1]:P.
 *   They all reach only this machine, so accepting each of them gives a stranger nothing,
 *   and an administrator who types localhost where the link said 127.0.0.1 is not refused.
 *   Other addresses of the machine (a LAN address) need PUBLIC_URL.
 */
import type { Env } from '../../config/env';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const ANY = new Set(['0.0.0.0', '::']);

const hostInUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);
const originOf = (url: string): string => new URL(url).origin;

export class PublicAddress {
  private port: number;

  constructor(private readonly env: Pick<Env, 'PUBLIC_URL' | 'PUBLIC_URL_EXPLICIT' | 'ONION_URL' | 'HOST' | 'PORT'>) {
    this.port = env.PORT;
  }

  /** after listen: the port actually bound (PORT=0 asks the system for one) */
  listening(port: number): void {
    this.port = port;
  }

  get explicit(): boolean {
    return this.env.PUBLIC_URL_EXPLICIT;
  }

  /** what the server is bound to, as a URL a browser can open */
  listenUrl(): string {
    const host = ANY.has(this.env.HOST) ? 'localhost' : this.env.HOST;
    return `http://${hostInUrl(host)}:${this.port}`;
  }

  /** the address to give people: PUBLIC_URL, else the listening address */
  url(): string {
    return this.explicit ? this.env.PUBLIC_URL.replace(/\/+$/, '') : this.listenUrl();
  }

  onionUrl(): string | null {
    return this.env.ONION_URL ? this.env.ONION_URL.replace(/\/+$/, '') : null;
  }

  /** the origin a refused request is told to use */
  expectedOrigin(): string {
    return originOf(this.url());
  }

  allowedOrigins(): Set<string> {
    const origins = new Set<string>([this.expectedOrigin()]);
    const onion = this.onionUrl();
    if (onion) origins.add(originOf(onion));
    if (!this.explicit && (LOOPBACK.has(this.env.HOST) || ANY.has(this.env.HOST))) {
      for (const host of LOOPBACK) origins.add(`http://${hostInUrl(host)}:${this.port}`);
    }
    return origins;
  }
}
