/**
 * The deployment files in deploy/ are checked as far as this machine allows: the compose file
 * parses and uses only environment variables config/env.ts knows, with Redis set to AOF and
 * noeviction; the nginx example passes `nginx -t` and, run in front of a real Amana server,
 * keeps its security headers and logs neither addresses nor user agents; the systemd units
 * pass `systemd-analyze verify`; docs/DEPLOYMENT.md names only real variables and endpoints.
 * A checker that is not installed is reported on the console; the text checks still run.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { parseEnv, variables } from '../../config/env';
import { ensureBuilt, repoRoot } from '../support/built';
import { freshDir, startServer, stopServer } from './ops.support';
import { freePort } from '../support/free-port';

// js-yaml comes with jest (istanbul); its 3.x API is safeLoad.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { safeLoad(text: string): unknown };

const deploy = path.join(repoRoot, 'deploy');
const read = (...parts: string[]) => readFileSync(path.join(repoRoot, ...parts), 'utf8');
const known = new Set(Object.keys(variables));
/** NAME or NAME_FILE, as config/env.ts accepts them */
const isAmanaVariable = (name: string) => known.has(name) || (name.endsWith('_FILE') && known.has(name.slice(0, -5)));

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  secrets?: string[];
  image?: string;
}

describe('deploy/docker-compose.yml', () => {
  const compose = yaml.safeLoad(read('deploy', 'docker-compose.yml')) as { services: Record<string, ComposeService>; secrets: Record<string, { file: string }> };

  it('has a MongoDB replica set, Redis, N API processes behind the proxy and M workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mongo-init', 'mongo1', 'mongo2', 'mongo3', 'proxy', 'redis', 'worker']);
    expect(compose.services.api?.deploy?.replicas).toBeGreaterThan(1);
    expect(compose.services.worker?.deploy?.replicas).toBeGreaterThan(1);
    expect(compose.services.worker?.command).toEqual(['node', 'dist/worker/main.js']);
    for (const n of [1, 2, 3]) expect(compose.services[`mongo${n}`]?.command).toEqual(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
  });

  it('runs Redis with AOF and noeviction', () => {
    const command = (compose.services.redis?.command ?? []).join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('sets only variables that config/env.ts reads, with values it accepts', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name]?.environment ?? {};
      expect(Object.keys(env).filter((k) => !isAmanaVariable(k) && k !== 'NODE_ENV')).toEqual([]);
      // the secrets come from files, shared by every process
      expect(env).toMatchObject({ SERVER_PEPPER_FILE: expect.any(String), SESSION_KEY_FILE: expect.any(String), RECEIPT_SALT_FILE: expect.any(String) });
      expect(compose.services[name]?.secrets?.sort()).toEqual(['receipt_salt', 'server_pepper', 'session_key']);
    }
    const env = compose.services.api?.environment ?? {};
    expect(env.MONGODB_URI).toMatch(/replicaSet=rs0/);
    // the *_FILE secrets name files that exist only in the containers
    const plain = Object.fromEntries(Object.entries(env).filter(([k]) => !k.endsWith('_FILE')));
    const parsed = parseEnv({ ...plain, PUBLIC_URL: 'https://amana.example.org' });
    expect(parsed).toMatchObject({ TRUST_PROXY: 1, HOST: '0.0.0.0', REDIS_URL: 'redis://redis:6379' });
  });

  it.each(['amana.env.example', 'amana.env.embedded.example'])('%s names only real variables', (file) => {
    const names = read('deploy', file).split('\n').map((l) => l.replace(/^#\s*/, '')).filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]!);
    expect(names.length).toBeGreaterThan(3);
    expect(names.filter((n) => !isAmanaVariable(n))).toEqual([]);
  });
});

describe('docs/DEPLOYMENT.md', () => {
  const doc = read('docs', 'DEPLOYMENT.md');

  it('names only variables that exist, and the real probe and metrics paths', () => {
    const others = new Set(['NODE_ENV', 'MONGODB_URI', 'BACKUP_DIR']);
    const mentioned = [...doc.matchAll(/`([A-Z][A-Z0-9_]{2,})(?:=[^`]*)?`/g)].map((m) => m[1]!);
    expect(mentioned.length).toBeGreaterThan(5);
    expect(mentioned.filter((n) => !isAmanaVariable(n) && !others.has(n))).toEqual([]);
    const server = read('server', 'routes', 'health', 'health.routes.ts');
    const worker = read('worker', 'metrics.server.ts');
    for (const route of ['/healthz', '/readyz']) expect(server).toContain(`'${route}'`);
    for (const route of ['/metrics', '/readyz']) expect(worker).toContain(`'${route}'`);
    for (const route of ['/healthz', '/readyz', '/metrics', 'npm run backup', 'npm run restore', 'mongodump', 'ONION_URL']) expect(doc).toContain(route);
  });
});

describe('deploy/nginx/amana.conf', () => {
  const conf = read('deploy', 'nginx', 'amana.conf');

  it('logs no address, user agent, referrer or query string, and hides or overrides no header of Amana', () => {
    const formats = conf.split('\n').filter((l) => /^\s*(log_format|access_log)/.test(l));
    expect(formats.join('\n')).not.toMatch(/\$remote_addr|\$http_user_agent|\$http_referer|\$request_uri|\$args|\$http_x_forwarded_for| combined/);
    expect(conf.split('\n').filter((l) => /^\s*access_log/.test(l)).every((l) => /amana_private;|off;/.test(l))).toBe(true);
    expect(conf.split('\n').filter((l) => /^\s*error_log/.test(l)).every((l) => l.includes('/dev/null'))).toBe(true);
    expect(conf).not.toMatch(/^\s*(proxy_hide_header|add_header|more_clear_headers)/m);
  });

  function sandbox(listenTls: number, listenPlain: number, upstream: string): string {
    const dir = freshDir('nginx');
    mkdirSync(path.join(dir, 'logs'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'privkey.pem'), '-out', path.join(dir, 'fullchain.pem'), '-days', '1', '-subj', '/CN=amana.example.org'], { stdio: 'ignore' });
    const site = conf
      .replaceAll('/etc/nginx/certs', dir)
      .replaceAll('/var/log/nginx', path.join(dir, 'logs'))
      .replace('server api:8080', `server ${upstream}`)
      .replace(/listen 443 /g, `listen ${listenTls} `)
      .replace(/listen \[::\]:443 /g, `listen [::]:${listenTls} `)
      .replace(/listen 80;/g, `listen ${listenPlain};`)
      .replace(/listen \[::\]:80;/g, `listen [::]:${listenPlain};`);
    writeFileSync(path.join(dir, 'site.conf'), site);
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      // Started as root, nginx runs its workers as "nobody", who cannot enter this private folder.
      `${process.getuid?.() === 0 ? 'user root;\n' : ''}pid ${dir}/nginx.pid;\nerror_log ${dir}/logs/error.log;\ndaemon off;\nevents {}\nhttp {\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n  fastcgi_temp_path ${dir}/fcgi;\n  uwsgi_temp_path ${dir}/uwsgi;\n  scgi_temp_path ${dir}/scgi;\n  include ${dir}/site.conf;\n}\n`,
    );
    return dir;
  }

  const nginx = ['/usr/sbin/nginx', 'nginx'].find((c) => existsSync(c) || has(c));

  it('passes nginx -t', () => {
    if (!nginx) {
      console.log('nginx is not installed here (apt-get install -y nginx): `nginx -t` and the proxy run were not done; the text checks above ran');
      expect(conf).toContain('ssl_certificate ');
      return;
    }
    const dir = sandbox(18443, 18080, '127.0.0.1:8080');
    const result = spawnSync(nginx, ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', dir], { encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.stringContaining('test is successful') });
  });

  it('in front of a real Amana server, keeps its security headers and writes no address or user agent', async () => {
    if (!nginx) {
      console.log('nginx is not installed here: the proxy was not run in front of a server');
      expect(conf).toContain('proxy_pass http://amana_api;');
      return;
    }
    ensureBuilt();
    const server = await startServer(freshDir('behind-proxy'));
    const port = Number(new URL(server.base).port);
    // Ports the system just handed out and nobody holds: a port computed from another one
    // could be some other test's server, which then answered the TLS handshake in plain text.
    const [tls, plain] = [await freePort(), await freePort()];
    const dir = sandbox(tls, plain, `127.0.0.1:${port}`);
    const proxy = spawn(nginx, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
    let exitedEarly = false;
    const proxyExited = new Promise((r) =>
      proxy.once('exit', (code) => {
        exitedEarly = code !== null;
        r(code);
      }),
    );
    try {
      const agent = 'AmanaTestBrowser/1.0 (do-not-log)';
      const get = (urlPath: string) =>
        new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
          const req = https.get({ host: '127.0.0.1', port: tls, path: urlPath, rejectUnauthorized: false, headers: { 'User-Agent': agent, Host: 'amana.example.org' } }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
          });
          req.on('error', reject);
          req.setTimeout(10_000, () => req.destroy(new Error('no answer from nginx within 10 s')));
        });
      let through: Awaited<ReturnType<typeof get>> | null = null;
      const deadline = Date.now() + 30_000;
      while (through === null) {
        through = await get('/api/v1/pow?secret=query').catch((err: unknown) => {
          if (exitedEarly) throw new Error(`nginx exited before answering (see ${path.join(dir, 'logs')}): ${(err as Error).message}`);
          if (Date.now() > deadline) throw err;
          return new Promise<null>((r) => setTimeout(() => r(null), 200));
        });
      }
      const direct = await fetch(`${server.base}/api/v1/pow`);
      expect(through.status).toBe(200);
      for (const name of ['content-security-policy', 'strict-transport-security', 'referrer-policy', 'permissions-policy', 'x-content-type-options', 'cache-control', 'cross-origin-opener-policy']) {
        expect({ name, value: through.headers[name] }).toEqual({ name, value: direct.headers.get(name) ?? undefined });
        expect(through.headers[name]).toEqual(expect.any(String));
      }
      expect(through.headers.server).toBe('nginx');
      // The probes stay inside.
      expect((await get('/readyz')).status).toBe(404);
      const log = readFileSync(path.join(dir, 'logs', 'amana.access.log'), 'utf8');
      expect(log).toContain('"GET /api/v1/pow" 200');
      expect(log).not.toContain('127.0.0.1');
      expect(log).not.toContain('AmanaTestBrowser');
      expect(log).not.toContain('secret=query');
      expect(readdirSync(path.join(dir, 'logs')).sort()).toEqual(['amana.access.log', 'error.log']);
    } finally {
      proxy.kill('SIGTERM');
      await proxyExited;
      await stopServer(server);
    }
  }, 120_000);
});

describe('deploy/systemd', () => {
  const folder = path.join(deploy, 'systemd');
  const units = readdirSync(folder).filter((f) => /\.(service|timer)$/.test(f));

  it('has the server, the optional worker and the backup timer, hardened', () => {
    expect(units.sort()).toEqual(['amana-backup.service', 'amana-backup.timer', 'amana-worker.service', 'amana.service']);
    for (const unit of ['amana.service', 'amana-worker.service']) {
      const text = readFileSync(path.join(folder, unit), 'utf8');
      for (const line of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/amana', 'PrivateTmp=yes', 'CapabilityBoundingSet=']) expect(text).toContain(line);
      // V8's JIT cannot run under it
      expect(text).not.toMatch(/^MemoryDenyWriteExecute=yes/m);
    }
    expect(readFileSync(path.join(folder, 'amana-backup.service'), 'utf8')).toContain('dist/server/cli/backup.js');
  });

  it('passes systemd-analyze verify', () => {
    if (!has('systemd-analyze')) {
      console.log('systemd-analyze is not installed here: the units were checked as text only');
      expect(units.length).toBe(4);
      return;
    }
    // The units name /usr/bin/node; verify checks that the command exists, so point it at this node.
    const dir = freshDir('systemd');
    for (const unit of units) writeFileSync(path.join(dir, unit), readFileSync(path.join(folder, unit), 'utf8').replaceAll('/usr/bin/node', process.execPath));
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', ...units.map((u) => path.join(dir, u))], { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_LEVEL: 'warning' } });
    // Unknown or misspelt keys are only warnings: any output is a failure here.
    expect({ status: result.status, out: `${result.stdout}${result.stderr}`.trim() }).toEqual({ status: 0, out: '' });
  });
});

describe('deploy/tor/torrc', () => {
  it('is an onion service for the API port and says to set ONION_URL', () => {
    const torrc = read('deploy', 'tor', 'torrc');
    expect(torrc).toMatch(/^HiddenServiceDir \/var\/lib\/tor\/amana\/$/m);
    expect(torrc).toMatch(/^HiddenServicePort 80 127\.0\.0\.1:8080$/m);
    expect(torrc).toContain('ONION_URL=http://');
    expect(variables.ONION_URL.doc).toContain('Onion-Location');
  });
});
