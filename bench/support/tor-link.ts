/**
 * A Tor-like link for Chromium through CDP (Network.emulateNetworkConditions), the bytes a
 * page moves over it, and the peer the journey benchmark holds each step against: a plain
 * static page of the same weight over the same link, and the raw transfer time of the bytes.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';

export interface Link {
  downBitsPerSecond: number;
  upBitsPerSecond: number;
  latencyMs: number;
}

/** About what Tor gives: 1.5 Mbit/s down, 0.75 up, 400 ms round trips. */
export const TOR_LINK: Link = { downBitsPerSecond: 1.5e6, upBitsPerSecond: 0.75e6, latencyMs: 400 };

export async function emulate(cdp: CDPSession, link: Link): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.latencyMs,
    downloadThroughput: link.downBitsPerSecond / 8,
    uploadThroughput: link.upBitsPerSecond / 8,
  });
}

export interface Traffic {
  down: number;
  up: number;
  requests: number;
}

/** Counts bytes received (as encoded on the wire, headers included) and request bodies sent. */
export function meter(page: Page, cdp: CDPSession): { snapshot(): Traffic } {
  const total: Traffic = { down: 0, up: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (event) => {
    total.down += event.encodedDataLength;
  });
  page.on('request', (request) => {
    total.requests += 1;
    total.up += (request.postDataBuffer()?.length ?? 0) + 400;
  });
  return { snapshot: () => ({ ...total }) };
}

export function minus(a: Traffic, b: Traffic): Traffic {
  return { down: a.down - b.down, up: a.up - b.up, requests: a.requests - b.requests };
}

/** Seconds the link needs for the bytes alone, without any round trip. */
export function rawTransferMs(traffic: Traffic, link: Link): number {
  return ((traffic.down * 8) / link.downBitsPerSecond + (traffic.up * 8) / link.upBitsPerSecond) * 1000;
}

/**
 * The peer page: an HTML document and one script of `bytes` incompressible bytes (a comment),
 * sent uncompressed: what the same weight costs a browser over the same link when nothing but
 * transfer stands in the way.
 */
export function startPeerServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    const bytes = Math.max(0, Number(url.searchParams.get('bytes') ?? 0));
    if (url.pathname === '/') {
      const html = `<!doctype html><meta charset="utf-8"><title>peer</title><script src="/peer.js?bytes=${bytes}"></script><p id="done">static</p>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return;
    }
    if (url.pathname === '/peer.js') {
      const body = Buffer.concat([Buffer.from('/*'), Buffer.from(randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64').slice(0, Math.max(0, bytes - 4))), Buffer.from('*/')]);
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(body);
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
