import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, FD_RESERVE, idleTimeoutSeconds, loadConfig, MAX_HEARTBEAT_SECONDS, openFileLimit, promisedIdleSeconds } from './config.js';
import { ConfigError } from './errors.js';

describe('loadConfig', () => {
  it('has defaults that need no environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.heartbeatSeconds).toBe(120);
  });

  it('caps device connections below the open-file limit unless told otherwise', () => {
    const limit = openFileLimit();
    if (limit !== undefined) expect(loadConfig({}).maxConnections).toBe(Math.max(100, limit - FD_RESERVE));
    expect(loadConfig({ HOMING_MAX_CONNECTIONS: '5' }).maxConnections).toBe(5);
  });

  it('lets overrides win over the environment', () => {
    expect(loadConfig({ HOMING_PORT: '9000' }, { HOMING_PORT: '9001' }).port).toBe(9001);
  });

  it.each([
    ['HOMING_PORT', 'eighty', /HOMING_PORT must be a whole number/],
    ['HOMING_PORT', '70000', /HOMING_PORT must be between 0 and 65535/],
    ['HOMING_HEARTBEAT_SECONDS', '1', /HOMING_HEARTBEAT_SECONDS must be between 4/],
    ['HOMING_HEARTBEAT_SECONDS', '601', /HOMING_HEARTBEAT_SECONDS must be between 4 and 600/],
    ['HOMING_LOG_LEVEL', 'loud', /HOMING_LOG_LEVEL must be one of/],
    ['HOMING_NODE_ID', 'has space', /HOMING_NODE_ID must be/],
    ['HOMING_DURABILITY', 'sometimes', /HOMING_DURABILITY must be one of fsync, commit, nosync/],
    ['HOMING_DEFAULT_EXPIRE_SECONDS', '300000', /HOMING_DEFAULT_EXPIRE_SECONDS must be between 0 and 259200/],
    ['HOMING_NATS_URL', 'localhost:4222', /HOMING_NATS_URL must use nats:\/\/ or tls:\/\//],
    ['HOMING_NATS_URL', 'nats://a:4222,http://b', /HOMING_NATS_URL must use nats:/],
    ['HOMING_REDIS_URL', 'redis://h:1,redis://i:2', /HOMING_REDIS_URL must be a URL like redis:\/\/host:port/],
    ['HOMING_REDIS_URL', 'nats://h:6379', /HOMING_REDIS_URL must use redis:\/\/ or rediss:\/\//],
  ])('names the bad setting %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(message);
  });

  it('has the abuse limits on by default, each adjustable and 0 turning it off', () => {
    expect(loadConfig({})).toMatchObject({
      registrationsPerAppPerMinute: 6000, registrationsPerAddressPerMinute: 60, deviceExpireDays: 90, pushHistoryDays: 30,
      pushRequestsPerAppPerSecond: 5000, metricsAddress: undefined, healthzShowsNodeId: false, broadcastsPerAppPerMinute: 60,
    });
    const off = loadConfig({
      HOMING_REGISTRATIONS_PER_APP_PER_MINUTE: '0', HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE: '0', HOMING_DEVICE_EXPIRE_DAYS: '0',
      HOMING_PUSH_REQUESTS_PER_APP_PER_SECOND: '0', HOMING_METRICS_ADDRESS: '[::1]:9464', HOMING_HEALTHZ_SHOW_NODE_ID: 'true',
      HOMING_BROADCASTS_PER_APP_PER_MINUTE: '0', HOMING_PUSH_HISTORY_DAYS: '0',
    });
    expect(off).toMatchObject({
      registrationsPerAppPerMinute: 0, registrationsPerAddressPerMinute: 0, deviceExpireDays: 0, pushHistoryDays: 0,
      pushRequestsPerAppPerSecond: 0, metricsAddress: { host: '::1', port: 9464 }, healthzShowsNodeId: true, broadcastsPerAppPerMinute: 0,
    });
    expect(loadConfig({ HOMING_METRICS_ADDRESS: 'localhost:0' }).metricsAddress).toEqual({ host: 'localhost', port: 0 });
  });

  it.each([
    ['HOMING_DEVICE_EXPIRE_DAYS', '3', /HOMING_DEVICE_EXPIRE_DAYS must be 0 \(never\) or at least 4/],
    ['HOMING_PUSH_HISTORY_DAYS', '1', /HOMING_PUSH_HISTORY_DAYS must be 0 \(never\) or at least 4/],
    ['HOMING_PUSH_HISTORY_DAYS', '30.5', /HOMING_PUSH_HISTORY_DAYS must be a whole number/],
    ['HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE', '-1', /HOMING_REGISTRATIONS_PER_ADDRESS_PER_MINUTE must be a whole number/],
    ['HOMING_METRICS_ADDRESS', '9464', /HOMING_METRICS_ADDRESS must be HOST:PORT, like 127.0.0.1:9464/],
    ['HOMING_METRICS_ADDRESS', '127.0.0.1:99999', /HOMING_METRICS_ADDRESS must be HOST:PORT/],
    ['HOMING_HEALTHZ_SHOW_NODE_ID', 'yes please', /HOMING_HEALTHZ_SHOW_NODE_ID must be true or false/],
  ])('names the bad limit setting %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(message);
  });

  it('takes cluster URLs, none by default, and never echoes a bad one (it may hold a password)', () => {
    expect(loadConfig({})).toMatchObject({ natsUrl: undefined, redisUrl: undefined });
    const config = loadConfig({ HOMING_NATS_URL: 'nats://a:4222, tls://b:4222', HOMING_REDIS_URL: 'rediss://:pw@r.example:6380/2' });
    expect(config.natsUrl).toBe('nats://a:4222,tls://b:4222');
    expect(config.redisUrl).toBe('rediss://:pw@r.example:6380/2');
    expect(() => loadConfig({ HOMING_REDIS_URL: 'redis://:s3cret@' })).toThrowError(/HOMING_REDIS_URL/);
    expect(() => loadConfig({ HOMING_REDIS_URL: 'redis://:s3cret@' })).not.toThrowError(/s3cret/);
  });

  it('runs every role by default; a role alone needs both cluster URLs, and the URLs go together', () => {
    const cluster = { HOMING_NATS_URL: 'nats://a:4222', HOMING_REDIS_URL: 'redis://r:6379' };
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ ...cluster, HOMING_ROLE: 'gateway' }).role).toBe('gateway');
    expect(loadConfig({ ...cluster }).role).toBe('all');
    expect(() => loadConfig({ ...cluster, HOMING_ROLE: 'proxy' })).toThrowError(/HOMING_ROLE must be one of all, gateway, router, api/);
    expect(() => loadConfig({ HOMING_ROLE: 'router' })).toThrowError(/HOMING_ROLE router runs in a cluster: set HOMING_NATS_URL and HOMING_REDIS_URL/);
    expect(() => loadConfig({ HOMING_NATS_URL: 'nats://a:4222' })).toThrowError(/HOMING_NATS_URL and HOMING_REDIS_URL go together/);
    expect(() => loadConfig({ HOMING_REDIS_URL: 'redis://r:6379' })).toThrowError(/go together/);
  });

  it('has provider defaults and takes https provider URLs only', () => {
    const config = loadConfig({});
    expect([config.apnsUrl, config.apnsDevUrl, config.fcmUrl]).toEqual(['https://api.push.apple.com', 'https://api.sandbox.push.apple.com', 'https://fcm.googleapis.com']);
    expect([config.providerConcurrency, config.providerTimeoutSeconds]).toEqual([100, 10]);
    expect(loadConfig({ HOMING_APNS_URL: 'https://127.0.0.1:8443' }).apnsUrl).toBe('https://127.0.0.1:8443');
    expect(() => loadConfig({ HOMING_FCM_URL: 'http://fcm.example' })).toThrowError(/HOMING_FCM_URL must use https:\/\//);
    expect(() => loadConfig({ HOMING_PROVIDER_CONCURRENCY: '0' })).toThrowError(/HOMING_PROVIDER_CONCURRENCY must be between 1 and 1000/);
  });

  it('rejects unknown override names', () => {
    expect(() => loadConfig({}, { HOMING_NOPE: '1' } as never)).toThrowError(/unknown setting HOMING_NOPE/);
  });
});

describe('idleTimeoutSeconds', () => {
  it('keeps the promised interval plus grace even when uWS fires a whole 4 s tick early', () => {
    for (let hb = 4; hb <= MAX_HEARTBEAT_SECONDS; hb++) {
      const idle = idleTimeoutSeconds(hb);
      expect(idle % 4).toBe(0);
      expect(idle - 4).toBeGreaterThanOrEqual(promisedIdleSeconds(hb));
      expect(idle - 4 - promisedIdleSeconds(hb)).toBeLessThan(4);
      // uWS aborts the process on more.
      expect(idle).toBeLessThanOrEqual(960);
    }
    expect(promisedIdleSeconds(4)).toBe(8);
    expect(idleTimeoutSeconds(4)).toBe(12);
    expect(promisedIdleSeconds(120)).toBe(180);
    expect(idleTimeoutSeconds(120)).toBe(184);
  });
});
