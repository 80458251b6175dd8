import { mkdtempSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, parseEnv } from './env';
import { buildConfig } from './index';
import { secretsPath } from './secrets';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'amana-config-'));

describe('parseEnv', () => {
  it('gives defaults that run with nothing installed', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(8080);
    expect(env.DATA_DIR).toBe(path.resolve('./data'));
    expect(env.MONGODB_URI).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.LOG_LEVEL).toBe('info');
  });

  it.each([
    ['PORT', 'eighty', /PORT is invalid/],
    ['PORT', '70000', /PORT is invalid/],
    ['REDIS_URL', 'http://localhost:6379', /REDIS_URL is invalid: a URL starting with redis:\/\/ or rediss:\/\//],
    ['MONGODB_URI', 'not a url', /MONGODB_URI is invalid/],
    ['SMTP_URL', 'mail.example.org', /SMTP_URL is invalid/],
    ['MAIL_FROM', 'nobody', /MAIL_FROM is invalid/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL is invalid/],
    ['SERVER_PEPPER', 'abc', /SERVER_PEPPER is invalid: expected 64 hexadecimal/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });

  it('accepts a replica set seed list in MONGODB_URI, which is no WHATWG URL', () => {
    const uri = 'mongodb://mongo1:27017,mongo2:27017,mongo3:27017/amana?replicaSet=rs0';
    expect(parseEnv({ MONGODB_URI: uri }).MONGODB_URI).toBe(uri);
    expect(() => parseEnv({ MONGODB_URI: 'mongodb://a:1,,b/x' })).toThrow(/MONGODB_URI is invalid/);
    expect(() => parseEnv({ MONGODB_URI: 'redis://a:1,b:2/x' })).toThrow(/MONGODB_URI is invalid/);
  });

  it('reads NAME_FILE for secrets and refuses an unreadable one', () => {
    const dir = tmp();
    const file = path.join(dir, 'pepper');
    writeFileSync(file, `${'ab'.repeat(32)}\n`);
    expect(parseEnv({ SERVER_PEPPER_FILE: file }).SERVER_PEPPER).toBe('ab'.repeat(32));
    expect(() => parseEnv({ SERVER_PEPPER_FILE: path.join(dir, 'missing') })).toThrow(/SERVER_PEPPER_FILE must name a readable file/);
  });
});

describe('installation secrets', () => {
  it('are created once with mode 0600 and reused', () => {
    const dir = tmp();
    const first = buildConfig(parseEnv({ DATA_DIR: dir }));
    const mode = statSync(secretsPath(dir)).mode & 0o777;
    expect(mode).toBe(0o600);
    const second = buildConfig(parseEnv({ DATA_DIR: dir }));
    expect(second.secrets.serverPepper.equals(first.secrets.serverPepper)).toBe(true);
    expect(second.secrets.receiptSalt).toHaveLength(16);
    expect(JSON.parse(readFileSync(secretsPath(dir), 'utf8'))).toHaveProperty('sessionKey');
  });

  it('come from the environment when all three are given, and not partially', () => {
    const dir = tmp();
    const env = { DATA_DIR: dir, SERVER_PEPPER: '11'.repeat(32), SESSION_KEY: '22'.repeat(32), RECEIPT_SALT: '33'.repeat(16) };
    expect(buildConfig(parseEnv(env)).secrets.sessionKey.toString('hex')).toBe('22'.repeat(32));
    expect(() => buildConfig(parseEnv({ DATA_DIR: dir, SERVER_PEPPER: '11'.repeat(32) }))).toThrow(/must be set together/);
  });
});
